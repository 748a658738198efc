package org.liaison.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent implementation reads our files: {@code openssl verify -crl_check}. Skips without
 * openssl.
 */
class OpensslVerifyTest {

  @TempDir Path tmp;

  @BeforeEach
  void requireOpenssl() {
    Assumptions.assumeTrue(
        run("version").exit == 0, "openssl is not installed: skipping the openssl checks");
  }

  @Test
  void verify_nodeCert_acceptedThenRejectedAfterRevoke() {
    DevPki pki =
        DevPki.create(
            tmp.resolve("pki"),
            List.of(AgencySpec.withDefaults("us.ice"), AgencySpec.withDefaults("ru.skr")),
            Clock.systemUTC());
    Path ice = pki.agencyDir("us.ice");
    String tls = pki.nodeDir("us.ice", "node-1").resolve("tls.crt.pem").toString();
    String gateway = pki.gatewayDir("us.ice").resolve("tls.crt.pem").toString();

    Result ok = verify(ice, tls);
    assertThat(ok.exit).as(ok.output).isZero();
    assertThat(ok.output).contains(": OK");

    pki.revoke(
        "us.ice",
        pki.nodeDir("us.ice", "node-1").resolve("tls.crt.pem"),
        RevocationReason.KEY_COMPROMISE);

    Result revoked = verify(ice, tls);
    assertThat(revoked.exit).as(revoked.output).isNotZero();
    assertThat(revoked.output).contains("certificate revoked");
    Result other = verify(ice, gateway);
    assertThat(other.exit).as("the gateway is still good: " + other.output).isZero();
    Result directory =
        run(
            "verify",
            "-CAfile",
            pki.directory().resolve("us.ice/ca.crt.pem").toString(),
            "-crl_check",
            "-CRLfile",
            pki.directory().resolve("us.ice/ca.crl.pem").toString(),
            tls);
    assertThat(directory.exit).as("directory/ CRL has it too: " + directory.output).isNotZero();
  }

  @Test
  void verify_certOfAnotherAgency_rejected() {
    DevPki pki =
        DevPki.create(
            tmp.resolve("pki"),
            List.of(AgencySpec.withDefaults("us.ice"), AgencySpec.withDefaults("ru.skr")),
            Clock.systemUTC());
    Result r =
        verify(
            pki.agencyDir("us.ice"),
            pki.nodeDir("ru.skr", "node-1").resolve("tls.crt.pem").toString());
    assertThat(r.exit).as(r.output).isNotZero();
  }

  @Test
  void pkcs12_opensWithOpenssl() {
    DevPki pki =
        DevPki.create(
            tmp.resolve("pki"), List.of(AgencySpec.withDefaults("us.ice")), Clock.systemUTC());
    Result r =
        run(
            "pkcs12",
            "-in",
            pki.officerDir("us.ice", "officer-1").resolve("tls.p12").toString(),
            "-passin",
            "pass:changeit",
            "-nokeys",
            "-clcerts");
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("officer-1");
  }

  private static Result verify(Path agencyDir, String cert) {
    return run(
        "verify",
        "-CAfile",
        agencyDir.resolve("ca.crt.pem").toString(),
        "-crl_check",
        "-CRLfile",
        agencyDir.resolve("ca.crl.pem").toString(),
        cert);
  }

  private record Result(int exit, String output) {}

  private static Result run(String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out");
      }
      return new Result(p.exitValue(), output);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    }
  }
}
