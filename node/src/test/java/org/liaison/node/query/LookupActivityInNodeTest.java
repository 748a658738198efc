package org.liaison.node.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.LoopbackProfile;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.node.federation.InboundRequest;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.QueryRequest;

/** A partner's query marks lookups under way, which the store's housekeeping yields to. */
@QuarkusTest
@TestProfile(LoopbackProfile.class)
class LookupActivityInNodeTest {
  @Inject QueryResponder responder;
  @Inject LookupActivity lookups;

  @Test
  void anAnsweredQuery_leavesLookupsBusy() throws Exception {
    responder.handle(
        new InboundRequest(
            new ExchangeScope("us.partner", "test-dc-2026", "DRUG_TRAFFICKING", "Q-LOOKUPS-1"),
            "node-1",
            "officer-1",
            UUID.randomUUID().toString(),
            QueryRequest.getDescriptor().getFullName(),
            QueryRequest.newBuilder()
                .setIdentifier(
                    Identifier.newBuilder().setType(IdentifierType.PHONE).setValue("+12025550199"))
                .build()
                .toByteArray()));
    assertThat(lookups.busy()).as("right after an answer").isTrue();
  }
}
