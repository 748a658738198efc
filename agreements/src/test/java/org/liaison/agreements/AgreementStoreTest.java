package org.liaison.agreements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.liaison.pem.Pem;
import org.liaison.wire.v1.Reason;

class AgreementStoreTest {
  private static final String ID = "ice-skr-2010";

  /** ru.skr's signature of the agreement in {@code dir} replaced by one of {@code agency}'s key. */
  private static void signInSkrsPlace(Path dir, Path pki, String agency) throws Exception {
    Files.write(
        dir.resolve(ID + ".ru.skr.p7s"),
        AgreementSigner.sign(
            Files.readAllBytes(dir.resolve(ID + ".yaml")), AgencyCredentials.load(pki, agency)));
  }

  /** The agreements in {@code dir}, their signers checked against {@code pki}'s directory. */
  private static AgreementStore storeTrusting(Path dir, Path pki) {
    return new AgreementStore(
        dir, Optional.of(pki.resolve("directory")), java.time.Clock.systemUTC());
  }

  @Test
  void inForce_tamperedByteTakesItOutOfForce() throws Exception {
    Path dir = TestFederation.freshAgreements();

    Path yaml = dir.resolve(ID + ".yaml");
    byte[] bytes = Files.readAllBytes(yaml);
    int i =
        new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                .indexOf("queries_per_day: 500")
            + 17;
    bytes[i] = (byte) '9'; // 500 -> 900: still a valid document, but not the signed one
    Files.write(yaml, bytes);
    AgreementStore store = new AgreementStore(dir);

    AgreementStatus s = store.statusOf(ID).orElseThrow();
    assertThat(s.inForce()).isFalse();
    assertThat(s.reason()).isEqualTo(Reason.AGREEMENT_UNSIGNED);
    assertThat(s.sentence()).contains("does not match the document's bytes");
    assertThat(store.inForce("us.ice", "ru.skr", Instant.now())).isEmpty();
  }

  @Test
  void inForce_missingSignatureIsUnsigned() throws Exception {
    Path dir = TestFederation.freshAgreements();
    Files.delete(dir.resolve(ID + ".ru.skr.p7s"));
    AgreementStatus s = new AgreementStore(dir).statusOf(ID).orElseThrow();
    assertThat(s.reason()).isEqualTo(Reason.AGREEMENT_UNSIGNED);
    assertThat(s.sentence()).contains("no signature by ru.skr");
  }

  /**
   * Rule 1: only the agency signatory's certificate signs agreements. An officer's, a node's or the
   * gateway's certificate of the same agency, under the same CA, is refused.
   */
  @Test
  void inForce_signatureWithAnOfficerNodeOrGatewayCertificateOfTheAgencyFails() throws Exception {
    Path pki = TestFederation.pki();
    for (Path folder :
        java.util.List.of(
            pki.resolve("ru.skr/officers/officer-1"),
            pki.resolve("ru.skr/gateway"),
            pki.resolve("ru.skr/nodes/node-1"))) {
      Path dir = TestFederation.freshAgreements();
      Path yaml = dir.resolve(ID + ".yaml");
      boolean tls = Files.exists(folder.resolve("tls.key.pem")) && !folder.endsWith("node-1");
      String file = tls ? "tls" : "signing";
      AgencyCredentials wrongRole =
          new AgencyCredentials(
              "ru.skr",
              Pem.readPrivateKey(folder.resolve(file + ".key.pem")),
              Pem.readCertificate(folder.resolve(file + ".crt.pem")),
              AgencyCredentials.caCertificate(pki, "ru.skr"));
      Files.write(
          dir.resolve(ID + ".ru.skr.p7s"),
          AgreementSigner.sign(Files.readAllBytes(yaml), wrongRole));
      AgreementStatus s = new AgreementStore(dir).statusOf(ID).orElseThrow();
      assertThat(s.inForce()).as(folder.toString()).isFalse();
      assertThat(s.reason()).isEqualTo(Reason.CERTIFICATE_WRONG_ROLE);
      assertThat(s.sentence()).contains("not the agency signatory's");
    }
  }

  /**
   * A store holding a fully signed agreement is given a new version whose signature is refused (an
   * officer's certificate; a tampered document): it keeps the version in force, still reads its
   * lifecycle, and reports the attempt once with its reason.
   */
  @Test
  void refusedNewVersion_keepsTheVersionInForce_andIsReportedOnce() throws Exception {
    Path pki = TestFederation.pki();
    Path dir = TestFederation.freshAgreements();
    AgreementStore store = new AgreementStore(dir);
    java.util.List<AgreementStore.RefusedVersion> refused =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    store.onRefusedVersion(refused::add);
    assertThat(store.statusOf(ID).orElseThrow().inForce()).isTrue();

    Path officer = pki.resolve("ru.skr/officers/officer-1");
    AgencyCredentials wrongRole =
        new AgencyCredentials(
            "ru.skr",
            Pem.readPrivateKey(officer.resolve("tls.key.pem")),
            Pem.readCertificate(officer.resolve("tls.crt.pem")),
            AgencyCredentials.caCertificate(pki, "ru.skr"));
    Path yaml = dir.resolve(ID + ".yaml");
    Files.write(
        dir.resolve(ID + ".ru.skr.p7s"), AgreementSigner.sign(Files.readAllBytes(yaml), wrongRole));
    store.reload();
    store.reload();

    assertThat(store.statusOf(ID).orElseThrow().inForce())
        .as("the version it had stays in force")
        .isTrue();
    assertThat(refused)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.agreementId()).isEqualTo(ID);
              assertThat(r.agency()).isEqualTo("ru.skr");
              assertThat(r.reason()).isEqualTo(Reason.CERTIFICATE_WRONG_ROLE);
              assertThat(r.detail()).contains("not the agency signatory's");
            });
    assertThat(new AgreementStore(dir).statusOf(ID).orElseThrow().inForce())
        .as("a store that never had it does not take it")
        .isFalse();

    store.record(ID, LifecycleEvent.Action.SUSPEND, "us.ice", "under review");
    assertThat(store.statusOf(ID).orElseThrow().reason())
        .as("the kept version's lifecycle still applies")
        .isEqualTo(Reason.AGREEMENT_SUSPENDED);
  }

  @Test
  void inForce_signatureByAnotherAgencysKeyFails() throws Exception {
    Path dir = TestFederation.freshAgreements();
    // us.ice signs in ru.skr's place
    signInSkrsPlace(dir, TestFederation.pki(), "us.ice");
    AgreementStatus alone = new AgreementStore(dir).statusOf(ID).orElseThrow();
    assertThat(alone.reason()).isEqualTo(Reason.AGREEMENT_UNSIGNED);
    // with the directory the named CA is found, and the signer is not under it
    AgreementStatus s = storeTrusting(dir, TestFederation.pki()).statusOf(ID).orElseThrow();
    assertThat(s.reason()).isEqualTo(Reason.AGREEMENT_UNSIGNED);
    assertThat(s.sentence())
        .contains("ru.skr")
        .contains("not issued by the CA the agreement names");
  }

  @Test
  void inForce_certificateNotUnderTheNamedCaFails() throws Exception {
    Path dir = TestFederation.freshAgreements();
    // a "ru.skr" key from another PKI: right O, wrong CA
    signInSkrsPlace(dir, TestFederation.roguePki(), "ru.skr");
    AgreementStatus s = new AgreementStore(dir).statusOf(ID).orElseThrow();
    assertThat(s.reason()).isEqualTo(Reason.AGREEMENT_UNSIGNED);
    assertThat(s.sentence())
        .contains("no CA certificate with the fingerprint the agreement names for ru.skr");
  }

  @Test
  void inForce_rogueCaInDirectoryStillNeedsTheFingerprint() throws Exception {
    Path dir = TestFederation.freshAgreements();
    signInSkrsPlace(dir, TestFederation.roguePki(), "ru.skr");
    AgreementStore store = storeTrusting(dir, TestFederation.roguePki());
    assertThat(store.statusOf(ID).orElseThrow().reason()).isEqualTo(Reason.AGREEMENT_UNSIGNED);
  }

  @Test
  void record_suspendResumeTerminate() throws Exception {
    Path dir = TestFederation.freshAgreements();
    AgreementStore store = new AgreementStore(dir);

    AgreementStatus suspended =
        store.record(ID, LifecycleEvent.Action.SUSPEND, "us.ice", "audit finding");
    assertThat(suspended.reason()).isEqualTo(Reason.AGREEMENT_SUSPENDED);
    assertThat(suspended.sentence()).contains("us.ice").contains("audit finding");
    assertThat(Files.readString(dir.resolve(ID + ".status.yaml")))
        .contains("SUSPEND")
        .contains("audit finding");
    assertThat(store.inForce("us.ice", "ru.skr", Instant.now())).isEmpty();

    assertThat(store.record(ID, LifecycleEvent.Action.RESUME, "ru.skr", "resolved").inForce())
        .isTrue();

    AgreementStatus terminated =
        store.record(ID, LifecycleEvent.Action.TERMINATE, "ru.skr", "withdrawn");
    assertThat(terminated.reason()).isEqualTo(Reason.AGREEMENT_TERMINATED);
    assertThatThrownBy(() -> store.record(ID, LifecycleEvent.Action.RESUME, "us.ice", "oops"))
        .isInstanceOf(AgreementException.class)
        .hasMessageContaining("already terminated");
    // a fresh store reads the same lifecycle from disk
    assertThat(new AgreementStore(dir).statusOf(ID).orElseThrow().reason())
        .isEqualTo(Reason.AGREEMENT_TERMINATED);
  }

  @Test
  void record_onlyPartiesMayAct() throws Exception {
    AgreementStore store = new AgreementStore(TestFederation.freshAgreements());
    assertThatThrownBy(() -> store.record(ID, LifecycleEvent.Action.SUSPEND, "us.dea", "not mine"))
        .isInstanceOf(AgreementException.class)
        .satisfies(
            e -> assertThat(((AgreementException) e).reason()).isEqualTo(Reason.INVALID_ARGUMENT));
  }

  @Test
  void statusOf_damagedStatusFileCountsAsSuspended() throws Exception {
    Path dir = TestFederation.freshAgreements();
    Files.writeString(dir.resolve(ID + ".status.yaml"), "events: [ {action: EXPLODE} ]");
    AgreementStatus s = new AgreementStore(dir).statusOf(ID).orElseThrow();
    assertThat(s.reason()).isEqualTo(Reason.AGREEMENT_SUSPENDED);
  }

  @Test
  void inForce_evaluatesDatesAtTheInstantAsked() throws Exception {
    AgreementStore store = new AgreementStore(TestFederation.freshAgreements());
    Instant beforeStart =
        TestFederation.today().minusDays(31).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    Instant afterEnd =
        TestFederation.today()
            .plusYears(5)
            .plusDays(1)
            .atStartOfDay(java.time.ZoneOffset.UTC)
            .toInstant();
    assertThat(store.inForce("us.ice", "ru.skr", beforeStart)).isEmpty();
    assertThat(store.inForce("us.ice", "ru.skr", afterEnd)).isEmpty();
    assertThat(store.statusOf(ID, afterEnd).orElseThrow().reason())
        .isEqualTo(Reason.AGREEMENT_EXPIRED);
    assertThat(store.statusOf(ID, beforeStart).orElseThrow().reason())
        .isEqualTo(Reason.AGREEMENT_NOT_IN_FORCE);
  }

  @Test
  void evaluate_holdsUntilTheFirstStartEndOrLifecycleStep_orTheNextReload() throws Exception {
    Path dir = TestFederation.freshAgreements();
    AgreementStore store = new AgreementStore(dir);
    Instant now = Instant.now();
    AgreementStore.Evaluation e = store.evaluate(now);
    // every reference agreement runs from 30 days ago to 5 years ahead: the first change is an end
    Instant ends =
        TestFederation.today()
            .plusYears(ReferenceAgreements.END_YEARS_AHEAD)
            .plusDays(1)
            .atStartOfDay(java.time.ZoneOffset.UTC)
            .toInstant();
    assertThat(e.holdsUntil()).isEqualTo(ends);
    assertThat(e.statuses()).extracting(AgreementStatus::inForce).containsOnly(true);
    assertThat(store.stillHolds(e, ends.minusNanos(1))).isTrue();
    assertThat(store.stillHolds(e, ends)).isFalse();
    assertThat(store.evaluate(ends).statuses())
        .extracting(AgreementStatus::reason)
        .containsOnly(Reason.AGREEMENT_EXPIRED);

    store.record(ID, LifecycleEvent.Action.SUSPEND, "us.ice", "a test");
    assertThat(store.stillHolds(e, now)).isFalse();
    AgreementStore.Evaluation after = store.evaluate(Instant.now());
    assertThat(after.statuses())
        .filteredOn(s -> s.id().equals(ID))
        .extracting(AgreementStatus::reason)
        .containsExactly(Reason.AGREEMENT_SUSPENDED);
    // the suspension is dated now: evaluated before it, the next change is the suspension
    Instant suspended = store.statusOf(ID).orElseThrow().history().get(0).at();
    assertThat(store.evaluate(suspended.minusSeconds(1)).holdsUntil()).isEqualTo(suspended);
  }

  @Test
  void access_picksUpChangedFilesWithinASecond() throws Exception {
    Path dir = TestFederation.freshAgreements();
    AgreementStore store = new AgreementStore(dir);
    assertThat(store.statusOf(ID)).isPresent();
    Files.delete(dir.resolve(ID + ".yaml"));
    Thread.sleep(1100);
    assertThat(store.statusOf(ID)).isEmpty();
  }

  @Test
  void access_picksUpTouchedFile() throws Exception {
    Path dir = TestFederation.freshAgreements();
    AgreementStore store = new AgreementStore(dir);
    java.util.List<AgreementStore.RefusedVersion> refused =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    store.onRefusedVersion(refused::add);
    Path p7s = dir.resolve(ID + ".us.ice.p7s");
    byte[] sig = Files.readAllBytes(p7s);
    sig[sig.length - 5] ^= 1;
    Files.write(p7s, sig);
    Files.setLastModifiedTime(p7s, FileTime.from(Instant.now().plusSeconds(5)));
    Thread.sleep(1100);
    // the altered signature (same size) is seen and refused; the version in force stays
    assertThat(store.statusOf(ID).orElseThrow().inForce()).isTrue();
    assertThat(refused)
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo(Reason.AGREEMENT_UNSIGNED));
    assertThat(new AgreementStore(dir).statusOf(ID).orElseThrow().reason())
        .isEqualTo(Reason.AGREEMENT_UNSIGNED);
  }

  @Test
  void signature_verifiesWithOpenssl() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/openssl")) || onPath("openssl"),
        "openssl is not installed: skipping the openssl cms -verify cross-check");
    Path dir = TestFederation.freshAgreements();
    Path ca = TestFederation.pki().resolve("directory/ru.skr/ca.crt.pem");
    Path yaml = dir.resolve(ID + ".yaml");
    Path p7s = dir.resolve(ID + ".ru.skr.p7s");
    CmsVerify verified = opensslCmsVerify(p7s, yaml, ca);
    assertThat(verified.exit()).as(verified.output()).isZero();
    assertThat(verified.output()).contains("Verification successful");

    // and a tampered document fails openssl too
    Files.writeString(
        yaml, Files.readString(yaml).replace("queries_per_day: 500", "queries_per_day: 900"));
    assertThat(opensslCmsVerify(p7s, yaml, ca).exit()).isNotZero();
  }

  record CmsVerify(int exit, String output) {}

  /**
   * {@code openssl cms -verify} of a detached DER signature of {@code content}, trusting {@code
   * ca}.
   */
  private static CmsVerify opensslCmsVerify(Path p7s, Path content, Path ca) throws Exception {
    Process p =
        new ProcessBuilder(
                "openssl",
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-in",
                p7s.toString(),
                "-content",
                content.toString(),
                "-CAfile",
                ca.toString(),
                "-purpose",
                "any",
                "-out",
                "/dev/null")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    return new CmsVerify(p.waitFor(), output);
  }

  private static boolean onPath(String exe) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return false;
  }
}
