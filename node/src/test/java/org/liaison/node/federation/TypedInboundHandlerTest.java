package org.liaison.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.FilterAnswer;
import org.liaison.wire.v1.FilterRequest;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.Refusal;

class TypedInboundHandlerTest {
  /** Answers a filter request with the kind it asked for, and keeps what reached its answer. */
  private static final class Echo extends TypedInboundHandler<FilterRequest> {
    FilterRequest seen;

    Echo() {
      super(FilterRequest.getDefaultInstance());
    }

    @Override
    protected Message answer(InboundRequest request, FilterRequest q) {
      seen = q;
      return FilterAnswer.newBuilder().setKind(q.getKind()).build();
    }

    @Override
    public Message refusal(Refusal refusal) {
      return FilterAnswer.newBuilder().setRefusal(refusal).build();
    }
  }

  private static InboundRequest request(byte[] payload) {
    return new InboundRequest(
        new ExchangeScope("us.partner", "a-1", "TARGET_DECONFLICTION", ""),
        "node-1",
        "",
        "m-1",
        "t",
        payload);
  }

  @Test
  void theContentTypeIsTheRequestMessagesName_andTheAnswerGetsThePayloadParsed() throws Exception {
    Echo handler = new Echo();
    assertThat(handler.contentType()).isEqualTo("liaison.v1.FilterRequest");

    FilterRequest q =
        FilterRequest.newBuilder().setKind(MatchKind.EVENT).setFilterId("f-1").setPart(2).build();
    Message answer = handler.handle(request(q.toByteArray()));

    assertThat(handler.seen).isEqualTo(q);
    assertThat(answer).isEqualTo(FilterAnswer.newBuilder().setKind(MatchKind.EVENT).build());
  }

  @Test
  void aPayloadThatDoesNotParse_isThrownBackUnanswered() {
    Echo handler = new Echo();
    assertThatThrownBy(() -> handler.handle(request(new byte[] {(byte) 0x80})))
        .isInstanceOf(InvalidProtocolBufferException.class);
    assertThat(handler.seen).isNull();
  }
}
