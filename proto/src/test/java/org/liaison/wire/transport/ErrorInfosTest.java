package org.liaison.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;
import org.liaison.wire.text.Sentences;
import org.liaison.wire.v1.Reason;

/**
 * A failed call's reason, as a refusal of ours ({@link Refusals#reasonOf}) and as any peer's code
 * ({@link Sentences#reasonCode}), both read from the status's {@code ErrorInfo} details.
 */
class ErrorInfosTest {
  private static Any info(String domain, String reason) {
    return Any.pack(ErrorInfo.newBuilder().setDomain(domain).setReason(reason).build());
  }

  private static StatusRuntimeException failed(Any... details) {
    com.google.rpc.Status.Builder s =
        com.google.rpc.Status.newBuilder().setCode(Code.PERMISSION_DENIED_VALUE).setMessage("no");
    for (Any d : details) {
      s.addDetails(d);
    }
    return StatusProto.toStatusRuntimeException(s.build());
  }

  @Test
  void ourRefusal_givesItsReason_bothWays() {
    StatusRuntimeException e =
        Refusals.refuse(Status.Code.PERMISSION_DENIED, Reason.NO_AGREEMENT, "no agreement");
    assertThat(Refusals.reasonOf(e)).contains(Reason.NO_AGREEMENT);
    assertThat(Sentences.reasonCode(e)).contains("NO_AGREEMENT");
  }

  @Test
  void anotherDomainsInfo_isAReasonCode_butNotOurReason_untilOursFollows() {
    StatusRuntimeException theirs = failed(info("googleapis.com", "RATE_LIMIT_EXCEEDED"));
    assertThat(Refusals.reasonOf(theirs)).isEmpty();
    assertThat(Sentences.reasonCode(theirs)).contains("RATE_LIMIT_EXCEEDED");

    StatusRuntimeException both =
        failed(
            info("googleapis.com", "RATE_LIMIT_EXCEEDED"),
            info(Refusals.DOMAIN, "QUOTA_EXHAUSTED"));
    assertThat(Refusals.reasonOf(both)).contains(Reason.QUOTA_EXHAUSTED);
    assertThat(Sentences.reasonCode(both)).contains("RATE_LIMIT_EXCEEDED");
  }

  @Test
  void anUnknownReasonOfOurs_isUnspecified_andABrokenDetail_endsTheReading() {
    assertThat(Refusals.reasonOf(failed(info(Refusals.DOMAIN, "NOT_A_REASON"))))
        .contains(Reason.REASON_UNSPECIFIED);

    Any broken =
        Any.newBuilder()
            .setTypeUrl("type.googleapis.com/google.rpc.ErrorInfo")
            .setValue(ByteString.copyFrom(new byte[] {(byte) 0x0a, (byte) 0xff}))
            .build();
    StatusRuntimeException e = failed(broken, info(Refusals.DOMAIN, "NO_AGREEMENT"));
    assertThat(Refusals.errorInfos(e)).isEmpty();
    assertThat(Refusals.reasonOf(e)).isEmpty();
    assertThat(Sentences.reasonCode(e)).isEmpty();
  }

  @Test
  void aBareStatus_hasNoReason() {
    StatusRuntimeException e = Status.UNAVAILABLE.withDescription("gone").asRuntimeException();
    assertThat(Refusals.errorInfos(e)).isEmpty();
    assertThat(Refusals.reasonOf(e)).isEmpty();
    assertThat(Sentences.reasonCode(e)).isEmpty();
  }
}
