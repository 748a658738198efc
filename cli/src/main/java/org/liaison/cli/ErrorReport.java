package org.liaison.cli;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns a failed call into one sentence a person can act on: the gRPC status, the reason code from
 * the {@code google.rpc.ErrorInfo} in the status details, and, for connection failures, the address
 * and what went wrong.
 */
public final class ErrorReport {

  private ErrorReport() {}

  /** The reason code of the {@code ErrorInfo} in the status details, if the node sent one. */
  public static Optional<String> reason(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status == null) {
      return Optional.empty();
    }
    for (Any detail : status.getDetailsList()) {
      if (detail.is(ErrorInfo.class)) {
        try {
          return Optional.of(detail.unpack(ErrorInfo.class).getReason()).filter(r -> !r.isEmpty());
        } catch (InvalidProtocolBufferException ignored) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** A sentence saying what failed at {@code address} and why. */
  public static String sentence(StatusRuntimeException e, String address) {
    Status status = e.getStatus();
    Throwable cause = rootCause(e);
    if (status.getCode() == Status.Code.UNAVAILABLE && cause != e) {
      return connectionSentence(address, cause, status);
    }
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return "The node at " + address + " did not answer in time (DEADLINE_EXCEEDED).";
    }
    StringBuilder s = new StringBuilder("The node at ").append(address).append(" answered ");
    s.append(status.getCode());
    Optional<String> reason = reason(e);
    reason.ifPresent(r -> s.append(", reason ").append(r));
    String description = status.getDescription();
    if (description != null && !description.isBlank()) {
      String text = description.strip();
      // refusals put the reason in front of the sentence too; say it once
      if (reason.isPresent() && text.startsWith(reason.get() + ": ")) {
        text = text.substring(reason.get().length() + 2);
      }
      s.append(": ").append(text);
    }
    return endSentence(s.toString());
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
    return endSentence("Cannot reach the node at " + address + ": " + description + why);
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

  private static String endSentence(String s) {
    return s.endsWith(".") || s.endsWith("?") || s.endsWith("!") ? s : s + ".";
  }
}
