package org.liaison.wire.envelope;

import org.liaison.wire.v1.Reason;

/** Runs a call that must be refused and returns the reason it was refused with. */
final class Refused {

  interface Call {
    void run() throws WireException;
  }

  private Refused() {}

  /**
   * The reason of the {@link WireException} the call throws; fails if it returns normally. Any
   * other exception propagates and fails the test: refusals must always carry a reason.
   */
  static Reason reason(Call call) {
    try {
      call.run();
    } catch (WireException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("refusal " + e.reason() + " without a sentence");
      }
      return e.reason();
    }
    throw new AssertionError("expected a refusal, but the call succeeded");
  }
}
