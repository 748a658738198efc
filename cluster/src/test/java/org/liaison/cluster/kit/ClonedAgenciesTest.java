package org.liaison.cluster.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.agreements.AgreementStore;
import org.liaison.agreements.SignatureCheck;
import org.liaison.cluster.Federation;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;

/**
 * A clone's agreements are real ones: written for the clone's id and CA, signed by the clone's and
 * the other party's signatory, verifiable from the trust directory (no processes started).
 */
class ClonedAgenciesTest {
  @Test
  void aCloneOfDea_getsItsOwnSignedCopyOfTheDeaIceAgreement(@TempDir Path work) throws Exception {
    Federation f =
        Federation.builder()
            .agencies("us.ice", "us.dea")
            .clones("us.dea", List.of("us.dea-p02"))
            .workDir(work)
            .today(LocalDate.now(Clock.systemUTC()))
            .build()
            .prepare();
    Path copy = f.agreementsDir().resolve("dea-ice-xdes-2009-us-dea-p02.yaml");
    assertThat(copy).exists();
    String text = Files.readString(copy, StandardCharsets.UTF_8);
    assertThat(text).contains("id: dea-ice-xdes-2009-us-dea-p02").contains("agency: us.dea-p02");
    assertThat(text).doesNotContain("agency: us.dea\n");

    DevPki pki = DevPki.open(f.pkiDir());
    List<SignatureCheck> checks =
        AgreementStore.verifyFile(copy, Optional.of(pki.directory()), Instant.now());
    assertThat(checks)
        .extracting(SignatureCheck::agency)
        .containsExactlyInAnyOrder("us.ice", "us.dea-p02");
    assertThat(checks).allSatisfy(c -> assertThat(c.valid()).as(c.detail()).isTrue());

    // the clone holds DEA's reference records under its own id
    Path records = work.resolve("us.dea-p02").resolve("records.jsonl");
    assertThat(records).exists();
    String lines = Files.readString(records, StandardCharsets.UTF_8);
    assertThat(lines)
        .contains("+1 305 555 0142")
        .contains("\"us.dea-p02\"")
        .doesNotContain("\"us.dea\"");
    assertThat(AgencySpec.withDefaults("us.dea-p02").agency()).isEqualTo("us.dea-p02");
  }
}
