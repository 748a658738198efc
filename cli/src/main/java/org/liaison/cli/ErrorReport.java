package org.liaison.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.liaison.wire.text.Sentences;

/**
 * Turns a failed call into one sentence a person can act on: what the node answered ({@link
 * Sentences#callFailed}, the console's sentence too) and, for connection failures, the address and
 * what went wrong.
 */
public final class ErrorReport {

  private ErrorReport() {}

  /** The reason code of the {@code ErrorInfo} in the status details, if the node sent one. */
  public static Optional<String> reason(StatusRuntimeException e) {
    return Sentences.reasonCode(e);
  }

  /** A sentence saying what failed at {@code address} and why. */
  public static String sentence(StatusRuntimeException e, String address) {
    Status status = e.getStatus();
    Throwable cause = rootCause(e);
    if (status.getCode() == Status.Code.UNAVAILABLE && cause != e) {
      return connectionSentence(address, cause, status);
    }
    return Sentences.callFailed(e, "the node at " + address);
  }

  private static String connectionSentence(String address, Throwable cause, Status status) {
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
      return "Cannot connect to the node at "
          + address
          + ": "
          + why
          + ". Is the node running and is --node right?";
    }
    if (cause instanceof UnknownHostException) {
      return "Cannot connect to the node at " + address + ": unknown host " + why + ".";
    }
    if (cause instanceof SSLException || cause instanceof CertificateException) {
      return "The TLS handshake with the node at "
          + address
          + " failed: "
          + why
          + ". The node's certificate must chain to your agency CA (--ca), and the node must"
          + " accept your certificate (--cert, --key).";
    }
    String description = status.getDescription() == null ? "" : status.getDescription() + ": ";
    return Sentences.endSentence("Cannot reach the node at " + address + ": " + description + why);
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
      if (c instanceof SSLException || c instanceof ConnectException) {
        // keep the most telling cause rather than a wrapped internal detail
        Throwable deeper = c.getCause();
        if (deeper instanceof CertificateException) {
          return deeper;
        }
        return c;
      }
    }
    return c;
  }
}
