package org.liaison.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PkiCommandTest {

  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = PkiCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void help_listsEveryCommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains(
            "init",
            "add-agency",
            "add-node",
            "add-officer",
            "rotate",
            "revoke",
            "crl",
            "list",
            "DEVELOPMENT-ONLY");
  }

  @Test
  void init_thenAgain_refusedWithoutForce() {
    String dir = tmp.resolve("pki").toString();
    assertThat(run("init", "--out", dir, "--agency", "us.ice:node-1,node-2", "--agency", "ru.skr"))
        .isZero();
    assertThat(out.toString()).contains("us.ice", "ru.skr", "DEVELOPMENT ONLY");
    assertThat(tmp.resolve("pki/us.ice/nodes/node-2/tls.key.pem")).isRegularFile();
    X509Certificate ca = PkiFiles.readCertificate(tmp.resolve("pki/us.ice/ca.crt.pem"));

    assertThat(run("init", "--out", dir, "--agency", "us.ice")).isEqualTo(2);
    assertThat(err.toString()).contains("already exists").contains("--force");
    assertThat(PkiFiles.readCertificate(tmp.resolve("pki/us.ice/ca.crt.pem"))).isEqualTo(ca);

    assertThat(run("init", "--out", dir, "--agency", "us.ice", "--force")).isZero();
    assertThat(PkiFiles.readCertificate(tmp.resolve("pki/us.ice/ca.crt.pem"))).isNotEqualTo(ca);
    assertThat(tmp.resolve("pki/ru.skr")).doesNotExist();
  }

  @Test
  void init_refusals_exitWith2AndASentence() throws Exception {
    String dir = tmp.resolve("pki").toString();
    assertThat(run("init", "--out", dir, "--agency", "US.ICE")).isEqualTo(2);
    assertThat(err.toString()).contains("lower-case dotted");
    assertThat(run("init", "--out", dir)).isEqualTo(2);
    assertThat(err.toString()).contains("--reference");
    Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(tmp.resolve("busy/notes.txt"), "mine");
    assertThat(run("init", "--out", tmp.resolve("busy").toString(), "--agency", "us.ice"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("not empty");
  }

  @Test
  void commands_changeThePkiAndListShowsIt() {
    String dir = tmp.resolve("pki").toString();
    assertThat(run("init", "--out", dir, "--agency", "us.ice")).isZero();
    assertThat(run("add-agency", "--pki", dir, "--agency", "ca.cbsa:node-1:border-1")).isZero();
    assertThat(run("add-node", "--pki", dir, "--agency", "us.ice", "--node", "node-2")).isZero();
    assertThat(run("add-officer", "--pki", dir, "--agency", "us.ice", "--officer", "agent-7"))
        .isZero();
    assertThat(tmp.resolve("pki/us.ice/officers/agent-7/tls.p12")).isRegularFile();
    assertThat(tmp.resolve("pki/directory/us.ice/nodes/node-2/encryption.crt.pem")).isRegularFile();

    String serial =
        PkiFiles.readCertificate(tmp.resolve("pki/us.ice/gateway/tls.crt.pem"))
            .getSerialNumber()
            .toString(16);
    assertThat(run("revoke", "--pki", dir, "--agency", "us.ice", "--serial", serial)).isZero();
    assertThat(
            run(
                "revoke",
                "--pki",
                dir,
                "--agency",
                "us.ice",
                "--cert",
                tmp.resolve("pki/us.ice/officers/agent-7/tls.crt.pem").toString(),
                "--reason",
                "affiliationChanged"))
        .isZero();
    assertThat(run("rotate", "--pki", dir, "--agency", "us.ice", "--node", "node-1")).isZero();
    assertThat(run("crl", "--pki", dir, "--agency", "ca.cbsa")).isZero();

    assertThat(run("list", "--pki", dir)).isZero();
    String list = out.toString();
    assertThat(list).contains("ca.cbsa", "us.ice", "[node-1, node-2]", "[agent-7, officer-1]");
    assertThat(list).containsPattern(serial + "\\s+revoked:keyCompromise");
    assertThat(list)
        .contains("revoked:affiliationChanged", "revoked:superseded", "gateway/tls.crt.pem");
    assertThat(
            list.lines()
                .filter(l -> l.contains("nodes/node-1/tls.crt.pem") && l.contains("O=us.ice"))
                .toList())
        .hasSize(2);
    assertThat(
            PkiFiles.readCrl(tmp.resolve("pki/directory/us.ice/ca.crl.pem"))
                .getRevokedCertificates())
        .hasSize(5);
  }

  @Test
  void commands_unknownThings_exitWith2AndASentence() {
    String dir = tmp.resolve("pki").toString();
    assertThat(run("list", "--pki", dir)).isEqualTo(2);
    assertThat(err.toString()).contains("not a development PKI");
    assertThat(run("init", "--out", dir, "--agency", "us.ice")).isZero();
    assertThat(run("add-node", "--pki", dir, "--agency", "us.dea", "--node", "node-1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("us.dea").contains("add-agency");
    assertThat(run("rotate", "--pki", dir, "--agency", "us.ice", "--node", "node-7")).isEqualTo(2);
    assertThat(err.toString()).contains("node-7");
    assertThat(run("revoke", "--pki", dir, "--agency", "us.ice", "--serial", "zz")).isEqualTo(2);
    assertThat(err.toString()).contains("hex");
    assertThat(
            run("revoke", "--pki", dir, "--agency", "us.ice", "--serial", "1", "--reason", "bored"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("keyCompromise");
    assertThat(run("add-agency", "--pki", dir, "--agency", "us.ice")).isEqualTo(2);
    assertThat(err.toString()).contains("already exists");
  }
}
