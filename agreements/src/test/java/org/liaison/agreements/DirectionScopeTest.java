package org.liaison.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.vocabulary.CrimeCategory;

/** The one purpose-and-role check: role first (need to know), then purpose. */
class DirectionScopeTest {
  static final Direction ICE_TO_CBP =
      new Direction(
          "us.ice",
          "us.cbp",
          Set.of(CrimeCategory.NARCOTICS),
          "purposes",
          Set.of(CrimeCategory.NARCOTICS),
          "crime_categories",
          Set.of("CASE_AGENT"),
          Map.of(),
          Map.of());

  @Test
  void aWrongRoleIsRefusedBeforeAWrongPurpose() {
    ScopeRefusal r = ICE_TO_CBP.refusal("mou-1", "TERRORISM", "ANALYST").orElseThrow();
    assertThat(r.reason()).isEqualTo(Reason.ROLE_NOT_PERMITTED);
    assertThat(r.clause()).isEqualTo("directions[us.ice->us.cbp].roles");
  }

  @Test
  void aWrongPurposeIsRefusedWithItsClause() {
    ScopeRefusal r = ICE_TO_CBP.refusal("mou-1", "TERRORISM", "case-agent").orElseThrow();
    assertThat(r.reason()).isEqualTo(Reason.PURPOSE_NOT_PERMITTED);
    assertThat(r.clause()).isEqualTo("purposes");
    assertThat(r.sentence()).contains("TERRORISM", "mou-1", "NARCOTICS");
  }

  @Test
  void aPermittedRoleAndPurposePass() {
    assertThat(ICE_TO_CBP.refusal("mou-1", "narcotics", "CASE_AGENT")).isEmpty();
  }
}
