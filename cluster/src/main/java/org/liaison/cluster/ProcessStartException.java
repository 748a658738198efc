package org.liaison.cluster;

/**
 * A process of the federation did not start or did not become healthy; the message has its log
 * tail.
 */
public final class ProcessStartException extends IllegalStateException {
  public ProcessStartException(String message) {
    super(message);
  }

  public ProcessStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
