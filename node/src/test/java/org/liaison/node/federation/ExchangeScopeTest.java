package org.liaison.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditEvent.Direction;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.Header;

class ExchangeScopeTest {
  private static final ExchangeScope SCOPE =
      new ExchangeScope("us.cbp", "cbp-ice-2005", "DRUG_TRAFFICKING", "ICE-1");

  @Test
  void aPartnersRequest_hasTheSenderAsItsPartner() {
    Header h =
        Header.newBuilder()
            .setSenderAgency("us.cbp")
            .setRecipientAgency("us.ice")
            .setAgreementId("cbp-ice-2005")
            .setPurpose("DRUG_TRAFFICKING")
            .setCaseReference("ICE-1")
            .build();
    assertThat(ExchangeScope.sentBy(h)).isEqualTo(SCOPE);
  }

  @Test
  void asAHeader_noCaseIsEmpty_andAScopeWithACaseIsUnchanged() {
    assertThat(new ExchangeScope("us.cbp", "a-1", "NARCOTICS", null).asHeader())
        .isEqualTo(new ExchangeScope("us.cbp", "a-1", "NARCOTICS", ""));
    assertThat(SCOPE.asHeader()).isSameAs(SCOPE);
  }

  @Test
  void inTheAudit_thePartnerAsksAnInboundExchange_andAnswersAnOutboundOne() {
    AuditEvent in = AuditEvent.builder(AuditKind.WORKFLOW).exchange(Direction.IN, SCOPE).build();
    assertThat(in.direction()).isEqualTo(Direction.IN);
    assertThat(in.requestingAgency()).isEqualTo("us.cbp");
    assertThat(in.answeringAgency()).isNull();
    assertThat(in.agreementId()).isEqualTo("cbp-ice-2005");
    assertThat(in.purpose()).isEqualTo("DRUG_TRAFFICKING");
    assertThat(in.caseReference()).isEqualTo("ICE-1");

    AuditEvent out = AuditEvent.builder(AuditKind.QUERY).exchange(Direction.OUT, SCOPE).build();
    assertThat(out.direction()).isEqualTo(Direction.OUT);
    assertThat(out.requestingAgency()).isNull();
    assertThat(out.answeringAgency()).isEqualTo("us.cbp");
    assertThat(out.agreementId()).isEqualTo("cbp-ice-2005");
  }

  @Test
  void aLocalEntry_hasNoPartnerExchange() {
    assertThatThrownBy(
            () -> AuditEvent.builder(AuditKind.WORKFLOW).exchange(Direction.LOCAL, SCOPE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
