package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.liaison.agreements.TestFederation;
import picocli.CommandLine;

class AgreementCommandTest {
  record Run(int code, String out) {}

  static Run run(String... args) {
    StringWriter sw = new StringWriter();
    CommandLine cl = new CommandLine(new AgreementCommand());
    cl.setOut(new PrintWriter(sw));
    cl.setErr(new PrintWriter(sw));
    int code = cl.execute(args);
    return new Run(code, sw.toString());
  }

  @Test
  void createSignVerifyListSuspendResumeTerminate_roundTrip() throws Exception {
    Path dir = Files.createTempDirectory("cli");
    String pki = TestFederation.pki().toString();
    String d = dir.toString();
    assertThat(
            run("create", "ice-dea-2026", "--parties", "us.ice,us.dea", "--dir", d, "--pki", pki)
                .code())
        .isZero();
    assertThat(run("validate", "ice-dea-2026", "--dir", d).out()).contains("valid");

    Run unsigned = run("verify", "ice-dea-2026", "--dir", d, "--json");
    assertThat(unsigned.code()).isEqualTo(1);
    assertThat(unsigned.out()).contains("\"reason\" : \"AGREEMENT_UNSIGNED\"");

    assertThat(run("sign", "ice-dea-2026", "--dir", d, "--pki", pki, "--agency", "us.ice").code())
        .isZero();
    assertThat(run("sign", "ice-dea-2026", "--dir", d, "--pki", pki, "--agency", "us.dea").code())
        .isZero();
    Run verified = run("verify", "ice-dea-2026", "--dir", d);
    assertThat(verified.code()).as(verified.out()).isZero();
    assertThat(verified.out())
        .contains("[ok]   us.ice")
        .contains("[ok]   us.dea")
        .contains("is in force");
    assertThat(run("show", "ice-dea-2026", "--dir", d).out())
        .contains("[ok]   us.ice: ")
        .contains("[ok]   us.dea: ");

    assertThat(run("list", "--dir", d).out()).contains("ice-dea-2026").contains("IN_FORCE");
    assertThat(
            run("suspend", "ice-dea-2026", "--dir", d, "--agency", "us.dea", "--reason", "review")
                .out())
        .contains("suspended");
    assertThat(run("show", "ice-dea-2026", "--dir", d, "--json").out())
        .contains("\"state\" : \"SUSPENDED\"");
    assertThat(
            run("resume", "ice-dea-2026", "--dir", d, "--agency", "us.ice", "--reason", "done")
                .out())
        .contains("in force");
    assertThat(
            run(
                    "terminate",
                    "ice-dea-2026",
                    "--dir",
                    d,
                    "--agency",
                    "us.ice",
                    "--reason",
                    "replaced")
                .out())
        .contains("terminated");
    Run again = run("resume", "ice-dea-2026", "--dir", d, "--agency", "us.ice", "--reason", "x");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.out()).contains("AGREEMENT_TERMINATED");
  }

  @Test
  void validate_reportsLineAndField() throws Exception {
    Path dir = Files.createTempDirectory("cli");
    run(
        "create",
        "x-1",
        "--reference",
        "ice-skr-2010",
        "--dir",
        dir.toString(),
        "--pki",
        TestFederation.pki().toString());
    Path f = dir.resolve("x-1.yaml");
    Files.writeString(f, Files.readString(f).replace("tier: POINTER", "tier: MAYBE"));
    Run r = run("validate", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .containsPattern("line \\d+, field directions\\[0\\]\\.records\\[2\\]\\.tier: 'MAYBE'");
  }
}
