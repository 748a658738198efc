package org.liaison.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;
import org.liaison.wire.v1.Reason;

/**
 * What an agreement says while a party rotates its CA (decision 0039): a party may be pinned by
 * more than one CA fingerprint; a signature under any named CA counts, so the version signed under
 * the old CA stays in force during the overlap, and a signature under a CA the agreement does not
 * name does not.
 */
class AgreementCaRotationTest {

  @TempDir Path dir;

  private static String document(String id, String icePins, String skrPins) {
    return String.join(
        "\n",
        "id: " + id,
        "version: 1",
        "parties:",
        "  - agency: us.ice",
        "    ca_sha256: " + icePins,
        "  - agency: ru.skr",
        "    ca_sha256: " + skrPins,
        "start: 2020-01-01",
        "end: 2099-12-31",
        "purposes: [HUMAN_SMUGGLING]",
        "crime_categories: [HUMAN_SMUGGLING]",
        "directions:",
        "  - from: us.ice",
        "    to: ru.skr",
        "    roles: ['*']",
        "    records:",
        "      - category: CASE_SUMMARY",
        "        tier: POINTER",
        "rate_limits: {queries_per_day: 10, deconfliction_probes_per_day: 20}",
        "deconfliction: {target: true, event: false}",
        "feedback: {owed_to_originator: true, within_days: 30}",
        "service_levels: {respond_within_hours: 72, designation_requests_tracked: false}",
        "");
  }

  @Test
  void parse_aPartyPinnedByTwoCas_keepsBoth_inOrder() {
    String a = "ab".repeat(32);
    String b = "CD".repeat(32);
    ParseResult r = AgreementParser.parse(document("t-1", a, "[" + a + ", " + b + "]"));
    assertThat(r.errors()).isEmpty();
    Party skr = r.agreement().orElseThrow().party("ru.skr").orElseThrow();
    assertThat(skr.caSha256s()).containsExactly(a, b.toLowerCase());
    assertThat(skr.caSha256()).isEqualTo(a);
  }

  @Test
  void parse_aRepeatedEmptyOrMalformedFingerprintListIsAnError() {
    String a = "ab".repeat(32);
    assertThat(AgreementParser.parse(document("t-1", a, "[" + a + ", " + a + "]")).errors())
        .anySatisfy(e -> assertThat(e.toString()).contains("parties[1].ca_sha256", "twice"));
    assertThat(AgreementParser.parse(document("t-1", a, "[]")).errors())
        .anySatisfy(e -> assertThat(e.toString()).contains("parties[1].ca_sha256"));
    assertThat(AgreementParser.parse(document("t-1", a, "[" + a + ", nothex]")).errors())
        .anySatisfy(e -> assertThat(e.toString()).contains("not a SHA-256 fingerprint"));
  }

  @Test
  void signatures_underTheOldCaStayValid_underTheNewCountWhereNamed_andNotWhereNot()
      throws Exception {
    Path root = dir.resolve("pki");
    DevPki pki =
        DevPki.create(
            root,
            List.of(AgencySpec.withDefaults("us.ice"), AgencySpec.withDefaults("ru.skr")),
            Clock.systemUTC());
    String ice = Fingerprints.sha256(pki.caCertificate("us.ice"));
    String oldSkr = Fingerprints.sha256(pki.caCertificate("ru.skr"));
    Path folder = Files.createDirectories(dir.resolve("agreements"));
    Path signedBefore = write(folder, "before-1", ice, oldSkr);
    sign(signedBefore, root, "us.ice");
    sign(signedBefore, root, "ru.skr"); // ru.skr's signatory under its old CA

    pki.beginCaRotation("ru.skr");
    String newSkr = Fingerprints.sha256(pki.switchCa("ru.skr"));
    Path both = write(folder, "both-1", ice, "[" + oldSkr + ", " + newSkr + "]");
    Path oldOnly = write(folder, "oldonly-1", ice, oldSkr);
    for (Path yaml : List.of(both, oldOnly)) {
      sign(yaml, root, "us.ice");
      sign(yaml, root, "ru.skr"); // now under the new CA
    }

    AgreementStore store = new AgreementStore(folder, Optional.empty(), Clock.systemUTC());
    assertThat(store.statusOf("before-1").orElseThrow().inForce())
        .as("signed under the old CA, which the agreement names")
        .isTrue();
    assertThat(store.statusOf("both-1").orElseThrow().inForce())
        .as("signed under the new CA, named beside the old")
        .isTrue();
    AgreementStatus refused = store.statusOf("oldonly-1").orElseThrow();
    assertThat(refused.inForce()).isFalse();
    assertThat(refused.reason()).isEqualTo(Reason.AGREEMENT_UNSIGNED);
    assertThat(refused.sentence()).contains("ru.skr", "fingerprint");
  }

  private static Path write(Path folder, String id, String icePins, String skrPins)
      throws Exception {
    Path yaml = folder.resolve(id + ".yaml");
    Files.writeString(yaml, document(id, icePins, skrPins));
    return yaml;
  }

  private static void sign(Path yaml, Path pki, String agency) throws Exception {
    AgreementSigner.signFile(yaml, AgencyCredentials.load(pki, agency));
  }
}
