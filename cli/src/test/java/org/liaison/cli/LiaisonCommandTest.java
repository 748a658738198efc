package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiaisonCommandTest {

  @Test
  void help_everySubcommandDescribesItsOptions() {
    assertThat(CliRun.of("--help").out()).contains("query", "check", "import", "status");
    assertThat(CliRun.of("query", "--help").out())
        .contains(
            "--phone",
            "--name",
            "--dob",
            "--purpose",
            "--partner",
            "--deadline-ms",
            "--json",
            "--pki",
            "LIAISON_NODE");
    assertThat(CliRun.of("check", "--help").out()).contains("--wallet", "--case", "--json");
    assertThat(CliRun.of("import", "--help").out()).contains("FILE", "--restart", "import-state");
    assertThat(CliRun.of("status", "--help").exit()).isZero();
  }

  @Test
  void unknownOption_isAUsageError() {
    CliRun run = CliRun.of("query", "--telephone", "1", "--purpose", "p");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown options: '--telephone'");
  }
}
