package org.liaison.node.query;

/** An officer's request that cannot be sent as it is; the message says what to change. */
public final class InvalidOfficerRequest extends IllegalArgumentException {
  public InvalidOfficerRequest(String sentence) {
    super(sentence);
  }
}
