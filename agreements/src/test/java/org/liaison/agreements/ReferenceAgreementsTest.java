package org.liaison.agreements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
  void write_withAnEdit_signsTheEditedText_andRefusesAnEditThatDoesNotValidate() throws Exception {
    Path dir = Files.createTempDirectory("edited");
    ReferenceAgreements.write(
        TestFederation.pki(),
        dir,
        TestFederation.today(),
        Map.of(
            "dea-ice-xdes-2009",
            t -> t.replace("queries_per_day: 20000", "queries_per_day: 2000000")));
    AgreementStore store = new AgreementStore(dir);
    assertThat(store.statusOf("dea-ice-xdes-2009").orElseThrow().inForce()).isTrue();
    Agreement edited =
        AgreementParser.parse(Files.readAllBytes(dir.resolve("dea-ice-xdes-2009.yaml")))
            .agreement()
            .orElseThrow();
    assertThat(edited.rateLimits().queriesPerDay()).isEqualTo(2_000_000);

    Path broken = Files.createTempDirectory("broken");
    assertThatThrownBy(
            () ->
                ReferenceAgreements.write(
                    TestFederation.pki(),
                    broken,
                    TestFederation.today(),
                    Map.of(
                        "cbp-ice-2005",
                        t -> t.replace("queries_per_day: 20000", "queries_per_day: lots"))))
        .isInstanceOf(AgreementException.class)
        .hasMessage("Reference agreement cbp-ice-2005 does not validate.");
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
