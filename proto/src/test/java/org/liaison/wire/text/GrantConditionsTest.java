package org.liaison.wire.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GrantConditionsTest {
  @Test
  void conditions_becomeOneCaveatNamingTheGrantor() {
    assertThat(GrantConditions.caveats("us.cbp", "  analytical use\n only "))
        .containsExactly("CONDITIONS:us.cbp=\"analytical use only\"");
    assertThat(GrantConditions.isConditions("CONDITIONS:us.cbp=\"analytical use only\"")).isTrue();
    assertThat(GrantConditions.isConditions("ORIGINATOR:us.cbp")).isFalse();
  }

  @Test
  void aQuoteInTheConditions_cannotEndTheCaveatEarly() {
    assertThat(GrantConditions.caveats("us.cbp", "say \"no\" to press"))
        .containsExactly("CONDITIONS:us.cbp=\"say 'no' to press\"");
  }

  @Test
  void noConditions_noCaveat() {
    assertThat(GrantConditions.caveats("us.cbp", " ")).isEmpty();
    assertThat(GrantConditions.caveats("us.cbp", null)).isEmpty();
  }
}
