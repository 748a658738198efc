package org.liaison.node.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.filters.FilterResponder;
import org.liaison.node.deconfliction.matching.BlindEvaluateResponder;
import org.liaison.node.deconfliction.matching.ConflictClaimResponder;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.federation.InboundRequest;
import org.liaison.wire.v1.BlindEvaluateAnswer;
import org.liaison.wire.v1.BlindEvaluateRequest;
import org.liaison.wire.v1.ConflictClaimAnswer;
import org.liaison.wire.v1.ConflictClaimRequest;
import org.liaison.wire.v1.FilterAnswer;
import org.liaison.wire.v1.FilterRequest;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Refusal;

/**
 * The first check of every de-confliction request a partner sends, through the node's real
 * responders and its real agreement store: a request that names no kind, or an agreement this node
 * does not hold, is refused before anything is looked up, evaluated or counted.
 */
@QuarkusTest
@TestProfile(LoopbackProfile.class)
class DeconflictionResponderTest {
  @Inject FilterResponder filters;
  @Inject BlindEvaluateResponder blind;
  @Inject ConflictClaimResponder claims;

  private record Asked(DeconflictionResponder<?> responder, Message request) {}

  private List<Asked> everyResponder(MatchKind kind) {
    return List.of(
        new Asked(filters, FilterRequest.newBuilder().setKind(kind).build()),
        new Asked(
            blind,
            BlindEvaluateRequest.newBuilder()
                .setKind(kind)
                .addBlindedElements(com.google.protobuf.ByteString.copyFrom(new byte[32]))
                .build()),
        new Asked(
            claims,
            ConflictClaimRequest.newBuilder()
                .setKind(kind)
                .addPrfOutputs(com.google.protobuf.ByteString.copyFrom(new byte[32]))
                .build()));
  }

  private static Refusal refusalOf(Message answer) {
    if (answer instanceof FilterAnswer a) {
      return a.getRefusal();
    }
    if (answer instanceof BlindEvaluateAnswer a) {
      assertThat(a.getEvaluatedElementsCount()).isZero();
      assertThat(a.hasQuota()).isFalse();
      return a.getRefusal();
    }
    ConflictClaimAnswer a = (ConflictClaimAnswer) answer;
    assertThat(a.getConflictsCount()).isZero();
    return a.getRefusal();
  }

  private static InboundRequest request(Asked asked, String agreementId) {
    return new InboundRequest(
        new ExchangeScope(LoopbackProfile.PARTNER, agreementId, "TARGET_DECONFLICTION", ""),
        "node-1",
        "",
        "m-" + System.nanoTime(),
        asked.request().getDescriptorForType().getFullName(),
        asked.request().toByteArray());
  }

  @Test
  void aRequestThatNamesNoKind_isRefusedByEveryResponder_beforeAnythingElse() throws Exception {
    for (Asked asked : everyResponder(MatchKind.MATCH_KIND_UNSPECIFIED)) {
      InboundRequest r = request(asked, LoopbackProfile.AGREEMENT);
      Refusal refusal = refusalOf(asked.responder().handle(r));
      assertThat(refusal.getReason())
          .as(asked.request().getClass().getSimpleName())
          .isEqualTo(Reason.INVALID_ARGUMENT);
      assertThat(refusal.getMessage())
          .isEqualTo("say which kind of de-confliction: TARGET or EVENT");
      // only the blind evaluation keeps a journal line of what it refused (no values, a count of 0)
      assertThat(r.writesBeforeAnswer()).hasSize(asked.responder() == blind ? 1 : 0);
    }
  }

  @Test
  void aRequestUnderAnAgreementThisNodeDoesNotHold_isRefusedByEveryResponder() throws Exception {
    for (Asked asked : everyResponder(MatchKind.TARGET)) {
      InboundRequest r = request(asked, "no-such-agreement");
      Refusal refusal = refusalOf(asked.responder().handle(r));
      assertThat(refusal.getReason())
          .as(asked.request().getClass().getSimpleName())
          .isEqualTo(Reason.NO_AGREEMENT);
      assertThat(refusal.getAgreementId()).isEqualTo("no-such-agreement");
      assertThat(r.writesBeforeAnswer()).hasSize(asked.responder() == blind ? 1 : 0);
    }
  }
}
