package org.liaison.agreements;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of parsing a document: the agreement when it is valid, otherwise every error found.
 */
public record ParseResult(Optional<Agreement> agreement, List<ValidationError> errors) {
  public ParseResult {
    errors = List.copyOf(errors);
  }

  public boolean valid() {
    return agreement.isPresent() && errors.isEmpty();
  }

  /** The errors, one per line, for people. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (ValidationError e : errors) {
      sb.append(e).append('\n');
    }
    return sb.toString();
  }
}
