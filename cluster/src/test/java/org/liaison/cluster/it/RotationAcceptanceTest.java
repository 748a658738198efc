package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.AgencyNode;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationProcess;
import org.liaison.cluster.FederationTest;
import org.liaison.cluster.RepositoryRoot;
import org.liaison.pem.Pem;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditFindingsRequest;
import org.liaison.wire.v1.AuditGrpc;
import org.liaison.wire.v1.InfoRequestDraft;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.WorkflowsGrpc;

/**
 * Key rotation with no downtime (decision 0028), on real processes: while officers of ICE query DEA
 * and officers of DEA query ICE in a loop, DEA's node keys (signing, encryption, TLS) and then its
 * gateway's TLS key are rotated with {@code liaison-pki rotate --keep-previous}, and after the
 * overlap the old certificates are revoked with {@code --retire-previous}. No query fails; after
 * the retirement (old certificates on the CRL) queries still succeed, so the new keys are the ones
 * in use, and DEA's checkpoints reach ICE signed with the new signing key. DEA's CA is rotated
 * likewise with {@code rotate --ca}, {@code --switch} and {@code --withdraw} (decision 0039). The
 * same federation then checks that the Grafana dashboard in docs/observability queries only
 * exported metrics.
 */
@FederationTest(
    agencies = {"us.ice", "us.dea"},
    nodeOptions = {"liaison.directory.reload-interval=1s"},
    gatewayOptions = {"liaison.directory.reload-interval=1s"})
class RotationAcceptanceTest {
  /** Queries that must end after a change took effect before the next change. */
  private static final int QUERIES_PER_PHASE = 6;

  /** What a node or gateway logs when it read the trust directory again (new CRLs). */
  private static final String DIRECTORY_RELOADED = "changed on disk; reloaded";

  private Federation federation;

  @Test
  void nodeAndGatewayKeysRotatedWhileQueried_noQueryFails(Federation f) throws Exception {
    federation = f;
    AgencyNode dea = f.node("us.dea");
    AgencyNode ice = f.node("us.ice");
    List<String> phases = new ArrayList<>();
    try (NodeClient iceClient = ice.client();
        NodeClient deaClient = dea.client();
        QueriesUnderChange queries =
            new QueriesUnderChange()
                .officer("ICE-ROT-", asking(iceClient, "us.dea"))
                .officer("ICE-ROT-", asking(iceClient, "us.dea"))
                .officer("DEA-ROT-", asking(deaClient, "us.ice"))) {
      // the first exchanges between cold processes are slow
      queries.awaitCount(6, Duration.ofMinutes(3));
      phases.add(phase("before", queries, List.of()));

      // each phase lasts until the change took effect (its log line) and queries ran after it
      java.nio.file.Path deaNodeLog = dea.log();
      java.nio.file.Path deaGatewayLog = f.gateway("us.dea").log();
      java.nio.file.Path iceNodeLog = ice.log();
      java.nio.file.Path iceGatewayLog = f.gateway("us.ice").log();
      phases.add(
          phase(
              "node keys rotated, overlap",
              queries,
              List.of(new Took(deaNodeLog, "keys of node-1 reloaded")),
              "rotate",
              "--agency",
              "us.dea",
              "--node",
              "node-1",
              "--keep-previous"));
      phases.add(
          phase(
              "node's old certificates revoked",
              queries,
              List.of(new Took(iceNodeLog, DIRECTORY_RELOADED)),
              "rotate",
              "--agency",
              "us.dea",
              "--node",
              "node-1",
              "--retire-previous"));
      phases.add(
          phase(
              "gateway TLS rotated, overlap",
              queries,
              List.of(new Took(deaGatewayLog, "TLS certificate of the gateway reloaded")),
              "rotate",
              "--agency",
              "us.dea",
              "--gateway",
              "--keep-previous"));
      phases.add(
          phase(
              "gateway's old certificate revoked",
              queries,
              List.of(new Took(iceGatewayLog, DIRECTORY_RELOADED)),
              "rotate",
              "--agency",
              "us.dea",
              "--gateway",
              "--retire-previous"));

      noQueryFailed("rotation under load", queries, phases);

      // DEA's newest checkpoint reached ICE signed with DEA's new signing key
      String newSigning =
          Certificates.fingerprint(
              Pem.readCertificate(f.pkiDir().resolve("us.dea/nodes/node-1/signing.crt.pem")));
      long deadline = System.currentTimeMillis() + 30_000;
      String held = "";
      while (System.currentTimeMillis() < deadline && !held.equals(newSigning)) {
        assertThat(Officers.askCase1Phone(iceClient, "ICE-ROT-LAST", "us.dea").getStatus())
            .isIn(Officers.ANSWERED);
        Thread.sleep(500);
        held =
            AuditGrpc.newBlockingStub(iceClient.channel())
                .withDeadlineAfter(1, TimeUnit.MINUTES)
                .findings(AuditFindingsRequest.getDefaultInstance())
                .getPartnerCheckpointsList()
                .stream()
                .filter(c -> c.getAgency().equals("us.dea"))
                .max(java.util.Comparator.comparingLong(AuditCheckpoint::getTreeSize))
                .map(AuditCheckpoint::getSignerKeyId)
                .orElse("");
      }
      assertThat(held).as("signer of DEA's latest checkpoint held by ICE").isEqualTo(newSigning);
    }
    assertThat(Files.readString(dea.log())).contains("keys of node-1 reloaded");
    assertThat(Files.readString(f.gateway("us.dea").log()))
        .contains("TLS certificate of the gateway reloaded");
  }

  /**
   * An agency CA rotated with overlapping trust (decision 0039), on real processes, while officers
   * of ICE query DEA and an officer of DEA queries ICE (running the CLI afresh for each query):
   * {@code rotate --ca} (a new CA, DEA's certificates re-issued for the same keys, the new CA and
   * the old CA's rollover certificate published), the processes reload the directory (distribution:
   * here every process reads the same folder), {@code rotate --ca --switch} (DEA's node and gateway
   * take the re-issued certificates while running), {@code rotate --ca --withdraw}. ICE's agreement
   * still pins DEA's old CA throughout: DEA's new CA is trusted because the old one vouched for it.
   * No query fails; afterwards an envelope signed with DEA's node certificate of the old CA is
   * refused by ICE's gateway as CA_WITHDRAWN, where during the overlap it passed; and one signed
   * under a CA in DEA's name that DEA never announced (put into the directory ICE reads) as
   * CA_NOT_ANNOUNCED.
   */
  @Test
  void agencyCaRotatedWhileQueried_noQueryFails_andTheWithdrawnCaIsRefused(Federation f)
      throws Exception {
    federation = f;
    AgencyNode dea = f.node("us.dea");
    AgencyNode ice = f.node("us.ice");
    java.nio.file.Path deaNode = f.pkiDir().resolve("us.dea/nodes/node-1");
    java.nio.file.Path oldSigning = Files.createTempFile("dea-signing-old-ca", ".crt.pem");
    Files.copy(
        deaNode.resolve("signing.crt.pem"),
        oldSigning,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Attacker withOldCertificate = new Attacker(f, "us.dea");
    java.util.function.Supplier<org.liaison.wire.v1.Envelope> signedUnderTheOldCa =
        () -> {
          try {
            return withOldCertificate.query(
                "us.ice", oldSigning, deaNode.resolve("signing.key.pem"));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    List<String> phases = new ArrayList<>();
    java.nio.file.Path deaNodeLog = dea.log();
    java.nio.file.Path deaGatewayLog = f.gateway("us.dea").log();
    java.nio.file.Path iceNodeLog = ice.log();
    java.nio.file.Path iceGatewayLog = f.gateway("us.ice").log();
    List<Took> everyProcessReloaded =
        List.of(
            new Took(iceGatewayLog, DIRECTORY_RELOADED),
            new Took(iceNodeLog, DIRECTORY_RELOADED),
            new Took(deaGatewayLog, DIRECTORY_RELOADED),
            new Took(deaNodeLog, DIRECTORY_RELOADED));
    try (NodeClient iceClient = ice.client();
        QueriesUnderChange queries =
            new QueriesUnderChange()
                .officer("ICE-CA-", asking(iceClient, "us.dea"))
                .officer("ICE-CA-", asking(iceClient, "us.dea"))
                .officer("DEA-CA-", askingAfresh(dea, "us.ice"))) {
      queries.awaitCount(6, Duration.ofMinutes(3));
      phases.add(phase("before", queries, List.of()));
      phases.add(
          phase(
              "new CA published (rotate --ca), every process reloaded it",
              queries,
              everyProcessReloaded,
              "rotate",
              "--agency",
              "us.dea",
              "--ca"));
      Thread.sleep(3_000); // three reload intervals: the last file written is read everywhere
      phases.add(
          phase(
              "DEA's processes switched to the new CA's certificates (rotate --ca --switch)",
              queries,
              List.of(
                  new Took(deaNodeLog, "keys of node-1 reloaded"),
                  new Took(deaGatewayLog, "TLS certificate of the gateway reloaded"),
                  new Took(iceGatewayLog, DIRECTORY_RELOADED)),
              "rotate",
              "--agency",
              "us.dea",
              "--ca",
              "--switch"));
      Thread.sleep(3_000);
      assertThat(withOldCertificate.refusalOf("us.ice", signedUnderTheOldCa.get()))
          .as("during the overlap, a certificate of DEA's old CA is not refused for its CA")
          .isNotIn(Optional.of(Reason.CA_WITHDRAWN), Optional.of(Reason.CA_NOT_ANNOUNCED));
      phases.add(
          phase(
              "DEA's old CA withdrawn (rotate --ca --withdraw)",
              queries,
              everyProcessReloaded,
              "rotate",
              "--agency",
              "us.dea",
              "--ca",
              "--withdraw"));
      noQueryFailed("CA rotation under load", queries, phases);
    }
    assertThat(withOldCertificate.refusalOf("us.ice", signedUnderTheOldCa.get()))
        .as("after the withdrawal, DEA's node certificate of the old CA at ICE's gateway")
        .contains(Reason.CA_WITHDRAWN);
    assertThat(Files.readString(iceGatewayLog)).contains("reason=CA_WITHDRAWN");

    // a CA in DEA's name that DEA never announced, dropped into the directory ICE reads: it is in
    // the folder, but no agreement names it and no CA one names vouched for it
    org.liaison.pki.DevPki impostor =
        org.liaison.pki.DevPki.create(
            Files.createTempDirectory("impostor-pki"),
            List.of(org.liaison.pki.AgencySpec.withDefaults("us.dea")),
            java.time.Clock.systemUTC());
    java.nio.file.Path unannounced = f.pkiDir().resolve("directory/us.dea/ca-unannounced.crt.pem");
    Took iceReload = new Took(iceGatewayLog, DIRECTORY_RELOADED);
    long reloads = iceReload.count();
    Files.copy(impostor.caCert("us.dea"), unannounced);
    try {
      long deadline = System.currentTimeMillis() + 60_000;
      while (iceReload.count() <= reloads) {
        assertThat(System.currentTimeMillis()).as("ICE's gateway reloads").isLessThan(deadline);
        Thread.sleep(100);
      }
      java.nio.file.Path impostorNode = impostor.nodeDir("us.dea", "node-1");
      assertThat(
              withOldCertificate.refusalOf(
                  "us.ice",
                  withOldCertificate.query(
                      "us.ice",
                      impostorNode.resolve("signing.crt.pem"),
                      impostorNode.resolve("signing.key.pem"))))
          .as("an envelope signed under a CA DEA never announced, at ICE's gateway")
          .contains(Reason.CA_NOT_ANNOUNCED);
    } finally {
      Files.deleteIfExists(unannounced);
    }
    X509Certificate gateway = Pem.readCertificate(f.pkiDir().resolve("us.dea/gateway/tls.crt.pem"));
    X509Certificate currentCa =
        Pem.readCertificate(f.pkiDir().resolve("directory/us.dea/ca.crt.pem"));
    assertThat(gateway.getIssuerX500Principal()).isEqualTo(currentCa.getSubjectX500Principal());
    Files.deleteIfExists(oldSigning);
  }

  /**
   * The dashboard in docs/observability queries only metrics the running processes export: every
   * metric name in its queries is in the {@code /q/metrics} of the nodes and gateways of this
   * federation after queries and a request for information went through. (Shares this class's
   * federation rather than starting one of its own, to keep the default test run short.)
   */
  @Test
  void dashboardQueriesOnlyMetricsTheProcessesExport(Federation f) throws Exception {
    String dashboard =
        Files.readString(
            RepositoryRoot.find().resolve("docs/observability/liaison-dashboard.json"));
    Set<String> used = new TreeSet<>();
    Matcher m = Pattern.compile("\\b((?:liaison|jvm)_[a-z_]+)").matcher(dashboard);
    while (m.find()) {
      used.add(m.group(1));
    }
    assertThat(used).contains("liaison_node_exchanges_total", "liaison_gateway_envelopes_total");

    try (NodeClient ice = f.node("us.ice").client()) {
      assertThat(Officers.askCase1Phone(ice, "ICE-METRICS-1", "us.dea").getStatus())
          .isIn(Officers.ANSWERED);
      WorkflowsGrpc.newBlockingStub(ice.channel())
          .withDeadlineAfter(1, TimeUnit.MINUTES)
          .requestInformation(
              InfoRequestDraft.newBuilder()
                  .setPartner("us.dea")
                  .setRecordId("dea-r-0142-roi-1")
                  .setPurpose("DRUG_TRAFFICKING")
                  .setCaseReference("ICE-METRICS-1")
                  .setOfficerRole("CASE_AGENT")
                  .setJustification("metrics")
                  .build());
    }
    Set<String> missing = new TreeSet<>(used);
    long deadline = System.currentTimeMillis() + 60_000;
    while (!missing.isEmpty() && System.currentTimeMillis() < deadline) {
      for (FederationProcess p :
          List.of(f.node("us.ice"), f.node("us.dea"), f.gateway("us.ice"), f.gateway("us.dea"))) {
        String scrape = p.metrics();
        missing.removeIf(
            name -> scrape.contains("\n" + name + "{") || scrape.contains("\n" + name + " "));
      }
      if (!missing.isEmpty()) {
        Thread.sleep(1_000);
      }
    }
    System.out.println("dashboard metrics: " + used);
    assertThat(missing).as("metrics the dashboard queries that no process exports").isEmpty();
  }

  /** A process's log line saying that a change took effect there. */
  private record Took(java.nio.file.Path log, String line) {
    long count() {
      try {
        String text = Files.readString(log);
        long n = 0;
        for (int i = text.indexOf(line); i >= 0; i = text.indexOf(line, i + 1)) {
          n++;
        }
        return n;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /**
   * Makes the change ({@code liaison-pki} with {@code pkiArgs}, if any) while the officers query,
   * waits until every process named in {@code took} logged that it took effect, and then until
   * {@link #QUERIES_PER_PHASE} more queries ended, so that each phase has queries on both sides of
   * its change (however slow the machine).
   */
  private String phase(String name, QueriesUnderChange queries, List<Took> took, String... pkiArgs)
      throws InterruptedException {
    int before = queries.count();
    long[] seen = took.stream().mapToLong(Took::count).toArray();
    if (pkiArgs.length > 0) {
      federation.pki(pkiArgs);
    }
    long deadline = System.currentTimeMillis() + 120_000;
    for (int i = 0; i < took.size(); i++) {
      while (took.get(i).count() <= seen[i]) {
        assertThat(System.currentTimeMillis())
            .as("%s: '%s' in %s", name, took.get(i).line(), took.get(i).log().getFileName())
            .isLessThan(deadline);
        Thread.sleep(100);
      }
    }
    int effective = queries.count();
    while (queries.count() < effective + QUERIES_PER_PHASE) {
      assertThat(System.currentTimeMillis()).as("%s: queries after it", name).isLessThan(deadline);
      Thread.sleep(50);
    }
    return name + ": " + (queries.count() - before) + " queries";
  }

  /** Stops the officers, prints the phases and asserts that every query was answered. */
  private static void noQueryFailed(String what, QueriesUnderChange queries, List<String> phases)
      throws Exception {
    Map<String, String> outcomes = queries.stop();
    List<String> failed = queries.failed();
    System.out.println(what + ": " + String.join("; ", phases));
    System.out.printf(
        "%s: %d queries, %d failed %s%n",
        what, outcomes.size(), failed.size(), failed.stream().limit(10).toList());
    assertThat(failed.stream().limit(10).toList())
        .as("queries that failed (first 10 of " + failed.size() + ")")
        .isEmpty();
    assertThat(outcomes.size()).as("queries made").isGreaterThan(20);
  }

  private static QueriesUnderChange.Asker asking(NodeClient client, String partner) {
    return caseRef -> Officers.askCase1Phone(client, caseRef, partner);
  }

  /**
   * An officer who runs the CLI once per query, as {@code bin/liaison query} does: each query reads
   * the officer's certificate and the CAs it trusts from the PKI folder as they are now.
   */
  private static QueriesUnderChange.Asker askingAfresh(AgencyNode node, String partner) {
    return caseRef -> {
      try (NodeClient client = node.client()) {
        return asking(client, partner).ask(caseRef);
      }
    };
  }
}
