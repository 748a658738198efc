package org.liaison.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgencySpecTest {

  @Test
  void parse_agencyOnly_defaultsToNode1AndOfficer1() {
    AgencySpec spec = AgencySpec.parse("us.ice");
    assertThat(spec.agency()).isEqualTo("us.ice");
    assertThat(spec.nodes()).containsExactly("node-1");
    assertThat(spec.officers()).containsExactly("officer-1");
  }

  @Test
  void parse_nodes_keepsOrder() {
    AgencySpec spec = AgencySpec.parse("us.ice:node-1,node-2");
    assertThat(spec.nodes()).containsExactly("node-1", "node-2");
    assertThat(spec.officers()).containsExactly("officer-1");
  }

  @Test
  void parse_nodesAndOfficers_readsBoth() {
    AgencySpec spec = AgencySpec.parse("ru.skr:n1:ivanov,petrov");
    assertThat(spec.nodes()).containsExactly("n1");
    assertThat(spec.officers()).containsExactly("ivanov", "petrov");
  }

  @Test
  void parse_badAgencyIds_refusedWithReason() {
    for (String bad :
        List.of("US.ice", "usice", "us..ice", ".us", "us.ice.", "us ice", "", "us/ice")) {
      assertThatThrownBy(() -> AgencySpec.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              PkiException.class,
              e -> assertThat(e.kind()).isEqualTo(PkiException.Kind.BAD_AGENCY_ID))
          .hasMessageContaining("lower-case dotted");
    }
  }

  @Test
  void parse_badNodeName_refused() {
    assertThatThrownBy(() -> AgencySpec.parse("us.ice:Node_1"))
        .isInstanceOfSatisfying(
            PkiException.class, e -> assertThat(e.kind()).isEqualTo(PkiException.Kind.BAD_NAME));
  }

  @Test
  void parse_duplicateNode_refused() {
    assertThatThrownBy(() -> AgencySpec.parse("us.ice:node-1,node-1"))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void referenceFederation_tenAgenciesWithDefaults() {
    assertThat(DevPki.referenceFederation())
        .extracting(AgencySpec::agency)
        .containsExactlyElementsOf(PkiAssertions.REFERENCE_AGENCIES);
    assertThat(DevPki.referenceFederation())
        .allSatisfy(
            s -> {
              assertThat(s.nodes()).containsExactly("node-1");
              assertThat(s.officers()).containsExactly("officer-1");
            });
  }
}
