package org.liaison.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Reason;

class ReferenceAgreementsTest {

  @Test
  void write_allSevenSignedAndInForce() throws Exception {
    Path dir = TestFederation.freshAgreements();
    AgreementStore store = new AgreementStore(dir);

    List<AgreementStatus> all = store.all();
    assertThat(all)
        .extracting(AgreementStatus::id)
        .containsExactlyInAnyOrderElementsOf(ReferenceAgreements.IDS);
    assertThat(all).allSatisfy(s -> assertThat(s.inForce()).as(s.sentence()).isTrue());
    assertThat(Files.exists(dir.resolve("ice-rcmp-cbsa-wr.ca.cbsa.p7s"))).isTrue();
    assertThat(store.inForce("ru.skr", "us.ice", Instant.now()))
        .extracting(Agreement::id)
        .containsExactly("ice-skr-2010");
    assertThat(store.inForce("us.ice", "ca.cbsa", Instant.now()))
        .extracting(Agreement::id)
        .containsExactly("ice-rcmp-cbsa-wr");
    assertThat(store.inForce("ru.skr", "us.dea", Instant.now())).isEmpty();
  }

  @Test
  void write_fingerprintsAreTheRealCas() throws Exception {
    Path dir = TestFederation.freshAgreements();
    Agreement a =
        AgreementParser.parse(Files.readAllBytes(dir.resolve("ice-skr-2010.yaml")))
            .agreement()
            .orElseThrow();
    String skr =
        Fingerprints.sha256(AgencyCredentials.caCertificate(TestFederation.pki(), "ru.skr"));
    assertThat(a.party("ru.skr").orElseThrow().caSha256()).isEqualTo(skr);
    assertThat(a.start()).isEqualTo(TestFederation.today().minusDays(30));
  }

  @Test
  void writeExpired_isRefusedAsExpired() throws Exception {
    Path dir = Files.createTempDirectory("expired");
    ReferenceAgreements.writeExpired(
        "ice-skr-2010", TestFederation.pki(), dir, TestFederation.today());
    AgreementStatus s = new AgreementStore(dir).statusOf("ice-skr-2010").orElseThrow();
    assertThat(s.reason()).isEqualTo(Reason.AGREEMENT_EXPIRED);
    assertThat(s.sentence()).contains("expired on " + TestFederation.today().minusDays(1));
  }

  @Test
  void writeNotYetStarted_isNotInForce() throws Exception {
    Path dir = Files.createTempDirectory("future");
    ReferenceAgreements.writeNotYetStarted(
        "cbp-ice-2005", TestFederation.pki(), dir, TestFederation.today());
    AgreementStatus s = new AgreementStore(dir).statusOf("cbp-ice-2005").orElseThrow();
    assertThat(s.reason()).isEqualTo(Reason.AGREEMENT_NOT_IN_FORCE);
    assertThat(s.state()).isEqualTo(AgreementStatus.State.NOT_YET_IN_FORCE);
  }
}
