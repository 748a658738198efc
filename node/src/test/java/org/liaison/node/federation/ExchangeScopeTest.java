package org.liaison.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
}
