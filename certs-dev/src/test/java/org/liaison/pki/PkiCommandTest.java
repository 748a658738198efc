package org.liaison.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PkiCommandTest {

  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private String dir;

  @BeforeEach
  void pkiFolder() {
    dir = tmp.resolve("pki").toString();
  }

  /** {@code liaison-pki <command> --pki <dir> --agency us.ice <args>}. */
  private int usIce(String command, String... args) {
    List<String> all = new ArrayList<>(List.of(command, "--pki", dir, "--agency", "us.ice"));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

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
    assertThat(run("init", "--out", dir, "--agency", "us.ice")).isZero();
    assertThat(run("add-agency", "--pki", dir, "--agency", "ca.cbsa:node-1:border-1")).isZero();
    assertThat(usIce("add-node", "--node", "node-2")).isZero();
    assertThat(usIce("add-officer", "--officer", "agent-7")).isZero();
    assertThat(tmp.resolve("pki/us.ice/officers/agent-7/tls.p12")).isRegularFile();
    assertThat(tmp.resolve("pki/directory/us.ice/nodes/node-2/encryption.crt.pem")).isRegularFile();

    String serial =
        PkiFiles.readCertificate(tmp.resolve("pki/us.ice/gateway/tls.crt.pem"))
            .getSerialNumber()
            .toString(16);
    assertThat(usIce("revoke", "--serial", serial)).isZero();
    assertThat(
            usIce(
                "revoke",
                "--cert",
                tmp.resolve("pki/us.ice/officers/agent-7/tls.crt.pem").toString(),
                "--reason",
                "affiliationChanged"))
        .isZero();
    assertThat(usIce("rotate", "--node", "node-1")).isZero();
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
    assertThat(run("list", "--pki", dir)).isEqualTo(2);
    assertThat(err.toString()).contains("not a development PKI");
    assertThat(run("init", "--out", dir, "--agency", "us.ice")).isZero();
    assertThat(run("add-node", "--pki", dir, "--agency", "us.dea", "--node", "node-1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("us.dea").contains("add-agency");
    assertThat(usIce("rotate", "--node", "node-7")).isEqualTo(2);
    assertThat(err.toString()).contains("node-7");
    assertThat(usIce("revoke", "--serial", "zz")).isEqualTo(2);
    assertThat(err.toString()).contains("hex");
    assertThat(usIce("revoke", "--serial", "1", "--reason", "bored")).isEqualTo(2);
    assertThat(err.toString()).contains("keyCompromise");
    assertThat(run("add-agency", "--pki", dir, "--agency", "us.ice")).isEqualTo(2);
    assertThat(err.toString()).contains("already exists");
  }

  /**
   * {@code rotate --ca}, {@code --switch}, {@code --withdraw} in order (decision 0039); each out of
   * order is refused with a sentence saying what to do, and nothing changes.
   */
  @Test
  void rotateCa_stepsInOrder_outOfOrderRefused() throws Exception {
    assertThat(run("init", "--out", dir, "--agency", "us.ice")).isZero();
    Path published = tmp.resolve("pki/directory/us.ice");
    Path gateway = tmp.resolve("pki/us.ice/gateway/tls.crt.pem");
    X509Certificate oldCa = PkiFiles.readCertificate(published.resolve("ca.crt.pem"));
    X509Certificate oldGateway = PkiFiles.readCertificate(gateway);

    assertThat(usIce("rotate", "--ca", "--withdraw")).isNotZero();
    assertThat(err.toString()).contains("no previous CA to withdraw");
    assertThat(usIce("rotate", "--ca", "--switch")).isNotZero();
    assertThat(err.toString()).contains("no CA rotation of us.ice is under way");
    assertThat(usIce("rotate", "--ca", "--keep-previous")).isNotZero();
    assertThat(err.toString()).contains("--ca takes --switch or --withdraw");
    assertThat(usIce("rotate", "--node", "node-1", "--switch")).isNotZero();
    assertThat(err.toString()).contains("steps of rotate --ca");

    assertThat(usIce("rotate", "--ca")).isZero();
    assertThat(out.toString()).contains("New CA of us.ice", "then rotate --ca --switch");
    assertThat(files(published, "ca-")).hasSize(2); // the new CA and its CRL
    assertThat(files(published, "rollover-")).hasSize(1);
    assertThat(PkiFiles.readCertificate(published.resolve("ca.crt.pem"))).isEqualTo(oldCa);
    assertThat(PkiFiles.readCertificate(gateway)).isEqualTo(oldGateway);
    assertThat(usIce("rotate", "--ca")).isNotZero();
    assertThat(err.toString()).contains("under way");
    assertThat(usIce("rotate", "--ca", "--withdraw")).isNotZero();
    assertThat(err.toString()).contains("--switch first");

    assertThat(usIce("rotate", "--ca", "--switch")).isZero();
    X509Certificate newCa = PkiFiles.readCertificate(published.resolve("ca.crt.pem"));
    X509Certificate newGateway = PkiFiles.readCertificate(gateway);
    assertThat(newCa).isNotEqualTo(oldCa);
    assertThat(newGateway.getIssuerX500Principal()).isEqualTo(newCa.getSubjectX500Principal());
    assertThat(newGateway.getPublicKey()).isEqualTo(oldGateway.getPublicKey());
    assertThat(files(published, "ca-")).hasSize(2); // now the old CA and its CRL
    assertThat(usIce("rotate", "--ca")).isNotZero();
    assertThat(err.toString()).contains("--withdraw it first");

    assertThat(usIce("rotate", "--ca", "--withdraw")).isZero();
    assertThat(out.toString()).contains("Withdrew the previous CA of us.ice", "CA_WITHDRAWN");
    assertThat(files(published, "ca-")).isEmpty();
    assertThat(files(published.resolve("withdrawn"), "")).anyMatch(f -> f.endsWith(".crt.pem"));
    assertThat(
            PkiFiles.readCertificate(
                published
                    .resolve("withdrawn")
                    .resolve(PkiFiles.fingerprint(oldCa).substring(0, 16) + ".crt.pem")))
        .isEqualTo(oldCa);
    assertThat(usIce("revoke", "--cert", gateway.toString())).isZero();
    assertThat(usIce("revoke", "--serial", oldGateway.getSerialNumber().toString(16)))
        .as("the old CA's certificates are no longer this CA's to revoke")
        .isNotZero();
  }

  private static java.util.List<String> files(Path dir, String prefix) throws java.io.IOException {
    try (java.util.stream.Stream<Path> fs = java.nio.file.Files.list(dir)) {
      return fs.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith(prefix) && !n.startsWith(".tmp-") && !n.equals("README.txt"))
          .toList();
    }
  }
}
