package org.liaison.wire.transport;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.liaison.wire.v1.Reason;

/**
 * Refusals on the wire: a gRPC status, a {@link Reason} carried as {@code google.rpc.ErrorInfo}
 * (domain {@value #DOMAIN}) and a sentence a person can act on.
 */
public final class Refusals {
  public static final String DOMAIN = "liaison.org";

  private Refusals() {}

  public static StatusRuntimeException refuse(Status.Code code, Reason reason, String sentence) {
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.forNumber(code.value()).getNumber())
            .setMessage(reason.name() + ": " + sentence)
            .addDetails(
                Any.pack(ErrorInfo.newBuilder().setReason(reason.name()).setDomain(DOMAIN).build()))
            .build();
    return StatusProto.toStatusRuntimeException(status);
  }

  /** The reason a peer gave, or empty when the status carries none (a transport failure). */
  public static Optional<Reason> reasonOf(Throwable t) {
    return errorInfos(t).stream()
        .filter(info -> DOMAIN.equals(info.getDomain()))
        .findFirst()
        .map(
            info -> {
              try {
                return Reason.valueOf(info.getReason());
              } catch (IllegalArgumentException unknown) {
                return Reason.REASON_UNSPECIFIED;
              }
            });
  }

  /**
   * The {@code google.rpc.ErrorInfo} details of a failed call's status, in order, up to the first
   * that cannot be read (what follows a broken detail is not trusted); none for a bare status.
   */
  public static List<ErrorInfo> errorInfos(Throwable t) {
    com.google.rpc.Status status = StatusProto.fromThrowable(t);
    List<ErrorInfo> infos = new ArrayList<>();
    if (status == null) {
      return infos;
    }
    for (Any detail : status.getDetailsList()) {
      if (detail.is(ErrorInfo.class)) {
        try {
          infos.add(detail.unpack(ErrorInfo.class));
        } catch (InvalidProtocolBufferException unreadable) {
          break;
        }
      }
    }
    return infos;
  }

  /** The sentence of a refusal without the reason prefix. */
  public static String sentenceOf(StatusRuntimeException e) {
    String description = e.getStatus().getDescription();
    if (description == null) {
      return e.getStatus().getCode().name();
    }
    int colon = description.indexOf(": ");
    return colon > 0 && reasonOf(e).isPresent() ? description.substring(colon + 2) : description;
  }
}
