package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.liaison.agreements.AgencyCredentials;
import org.liaison.agreements.AgreementSigner;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.cluster.FederationTest;
import org.liaison.cluster.Revocation;
import org.liaison.pem.Pem;
import org.liaison.pki.PkiLayout;
import org.liaison.wire.envelope.EnvelopeSealer;
import org.liaison.wire.envelope.SealRequest;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.pki.TrustDirectory;
import org.liaison.wire.transport.GrpcServers;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.transport.TlsIdentity;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.GatewayRelayGrpc;
import org.liaison.wire.v1.Header;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.QueryAnswer;
import org.liaison.wire.v1.Reason;

/**
 * The adversarial suite of docs/attacks.md against real processes: each attack is refused with its
 * reason, discloses nothing, and leaves a record at the side attacked. DEA's private material is
 * stolen ({@link Attacker}); ICE is attacked. Each test leaves the federation as it found it (it
 * restores the files it changed, starts what it stopped, takes its revocation back) and awaits the
 * path it needs through a real call, so the tests pass in any order.
 */
// the trust directory re-read every second, not every 5 s (the default): each revocation and its
// taking back is seen sooner, and the bound asserted is the same
@FederationTest(
    agencies = {"us.ice", "us.dea"},
    nodeOptions = {"liaison.directory.reload-interval=1s"},
    gatewayOptions = {"liaison.directory.reload-interval=1s"})
class TrustAttacksAcceptanceTest {

  /** The bound docs/security-model.md states for a revocation to take effect. */
  static final Duration REVOCATION_BOUND = Duration.ofSeconds(60);

  private static String messageId(Envelope e) throws Exception {
    return Header.parseFrom(e.getHeader()).getMessageId();
  }

  private static void onRecord(Federation f, String process, String... fragments) throws Exception {
    Path log =
        process.startsWith("gateway:")
            ? f.gateway(process.substring(8)).log()
            : f.node(process).log();
    long until = System.nanoTime() + 5_000_000_000L;
    String text = "";
    while (System.nanoTime() < until) {
      text = Files.readString(log);
      String t = text;
      if (List.of(fragments).stream().allMatch(t::contains)) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(text).as("the log of " + process).contains(fragments);
  }

  @Test
  void envelopeSignedWithTheGatewayKey_isRefusedAsWrongRole(Federation f) throws Exception {
    Attacker dea = new Attacker(f, "us.dea");
    Envelope forged = dea.querySignedBy("us.ice", "gateway");
    assertThatThrownBy(() -> dea.sendAsGateway("us.ice", forged))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(Refusals.reasonOf(e)).contains(Reason.CERTIFICATE_WRONG_ROLE));
    onRecord(f, "gateway:us.ice", "id=" + messageId(forged), "reason=CERTIFICATE_WRONG_ROLE");
  }

  @Test
  void envelopeSignedWithAnOfficerKey_isRefusedAsWrongRole(Federation f) throws Exception {
    Attacker dea = new Attacker(f, "us.dea");
    Envelope forged = dea.querySignedBy("us.ice", "officer-1");
    assertThat(dea.refusalOf("us.ice", forged)).contains(Reason.CERTIFICATE_WRONG_ROLE);
    onRecord(f, "gateway:us.ice", "id=" + messageId(forged), "reason=CERTIFICATE_WRONG_ROLE");
  }

  /**
   * DEA's gateway sees ICE's request, seals an answer of its choosing to ICE's node, binds it to
   * the request and signs it with its own key: everything a real answer has, except the role.
   */
  @Test
  void answerForgedByThePartnersGateway_isDiscardedByTheAskingNode(Federation f) throws Exception {
    Attacker dea = new Attacker(f, "us.dea");
    PkiLayout pki = dea.pki();
    String address = f.gateway("us.dea").partnerAddress();
    int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    TrustDirectory directory = TrustDirectory.load(pki.directory());
    String iceCa = directory.caFingerprint("us.ice").orElseThrow();
    Path gw = pki.gatewayDir("us.dea");
    Path node = pki.nodeDir("us.dea", "node-1");
    NodeCredentials gatewayAsSigner =
        NodeCredentials.of(
            "us.dea",
            "node-1",
            Pem.readPrivateKey(gw.resolve(PkiLayout.TLS_KEY)),
            Pem.readCertificate(gw.resolve(PkiLayout.TLS_CERT)),
            Pem.readPrivateKey(node.resolve(PkiLayout.ENCRYPTION_KEY)),
            Pem.readCertificate(node.resolve(PkiLayout.ENCRYPTION_CERT)),
            null,
            null);
    EnvelopeSealer forger = new EnvelopeSealer(gatewayAsSigner, directory, Clock.systemUTC());
    var executor = Executors.newFixedThreadPool(2);
    f.gateway("us.dea").stop();
    Server fake =
        GrpcServers.start(
            "127.0.0.1",
            port,
            org.liaison.wire.transport.MutualTls.server(
                TlsIdentity.fromFolder(gw),
                AgencyTrustManager.create(
                    directory,
                    () -> Map.of("us.ice", iceCa),
                    CertificateRole.GATEWAY_TLS,
                    Clock.systemUTC())),
            4 << 20,
            executor,
            List.of(
                new GatewayRelayGrpc.GatewayRelayImplBase() {
                  @Override
                  public void relay(Envelope request, StreamObserver<Envelope> out) {
                    try {
                      Header h = Header.parseFrom(request.getHeader());
                      QueryAnswer lie = QueryAnswer.getDefaultInstance();
                      out.onNext(
                          forger.seal(
                              new SealRequest(
                                  "us.ice",
                                  h.getSenderNode(),
                                  h.getAgreementId(),
                                  h.getPurpose(),
                                  h.getCaseReference(),
                                  h.getOfficerId(),
                                  "liaison.v1.QueryAnswer",
                                  Duration.ofMinutes(5),
                                  signedContentHash(request)),
                              lie.toByteArray()));
                      out.onCompleted();
                    } catch (Exception e) {
                      out.onError(e);
                    }
                  }
                }));
    try {
      // ICE's gateway may still hold the connection to the stopped gateway: the first call can
      // meet the closed connection (UNAVAILABLE) before it dials the stand-in
      PartnerAnswer fromDea = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        try (NodeClient ice = f.node("us.ice").client()) {
          fromDea =
              Officers.from(
                  ice.queryAll(
                      Officers.phoneQuery(
                          "(305) 555-0142", "DRUG_TRAFFICKING", "ICE-MIA-2026-0311", "us.dea")),
                  "us.dea");
        }
        if (fromDea.getStatus() != PartnerAnswer.Status.UNAVAILABLE) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(fromDea.getStatus())
          .as(fromDea.toString())
          .isEqualTo(PartnerAnswer.Status.REJECTED);
      assertThat(fromDea.getReason()).isEqualTo(Reason.CERTIFICATE_WRONG_ROLE);
      assertThat(fromDea.getAnswer().getDisclosuresList()).isEmpty();
    } finally {
      fake.shutdownNow();
      fake.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
      executor.shutdownNow();
      f.gateway("us.dea").start();
    }
    Officers.awaitIceAnsweredByDea(f);
  }

  /** What the request's signature covers, hashed: what a real answer is bound to. */
  private static byte[] signedContentHash(Envelope e) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update("LIAISON-1 envelope signature\0".getBytes(StandardCharsets.US_ASCII));
    for (ByteString part : List.of(e.getHeader(), e.getEnc(), e.getCiphertext())) {
      md.update(ByteBuffer.allocate(4).putInt(part.size()).array());
      md.update(part.toByteArray());
    }
    return md.digest();
  }

  /**
   * An envelope accepted once (standing for one the attacker recorded in transit) is refused again
   * after ICE's gateway and node both restarted; and by the node alone when the gateway lost its
   * journal.
   */
  @Test
  void envelopeReplayedAfterBothRestarted_isRefused(Federation f) throws Exception {
    Attacker dea = new Attacker(f, "us.dea");
    Envelope recorded = dea.querySignedBy("us.ice", "node-1");
    Optional<Reason> first = dea.refusalOf("us.ice", recorded);
    assertThat(first)
        .as("the original is not refused by the trust checks")
        .isNotEqualTo(Optional.of(Reason.REPLAYED_MESSAGE));
    Together.restart(f.gateway("us.ice"), f.node("us.ice"));
    assertThat(dea.refusalOf("us.ice", recorded)).contains(Reason.REPLAYED_MESSAGE);
    onRecord(f, "gateway:us.ice", "id=" + messageId(recorded), "reason=REPLAYED_MESSAGE");

    f.gateway("us.ice").stop();
    Files.delete(f.workDir().resolve("us.ice").resolve("gateway").resolve("replay-ids.log"));
    f.gateway("us.ice").start();
    assertThat(dea.refusalOf("us.ice", recorded))
        .as("the node's own journal")
        .contains(Reason.REPLAYED_MESSAGE);
    Officers.awaitIceAnsweredByDea(f);
  }

  /**
   * An envelope is accepted, then ICE's gateway and node are killed at once (SIGKILL: no shutdown
   * hook, no flush); after they start again the same envelope is refused as a replay, by the
   * gateway and by the node alone: the id was on disk before the envelope was acted on.
   */
  @Test
  void envelopeReplayedAfterBothWereKilled_isRefused(Federation f) throws Exception {
    Attacker dea = new Attacker(f, "us.dea");
    Envelope recorded = dea.querySignedBy("us.ice", "node-1");
    assertThat(dea.refusalOf("us.ice", recorded))
        .as("the original passes the wire checks")
        .isNotEqualTo(Optional.of(Reason.REPLAYED_MESSAGE));
    kill9(f.gateway("us.ice").pid(), f.node("us.ice").pid());
    f.gateway("us.ice").stop();
    f.node("us.ice").stop();
    Together.start(f.node("us.ice"), f.gateway("us.ice"));
    assertThat(dea.refusalOf("us.ice", recorded)).contains(Reason.REPLAYED_MESSAGE);
    onRecord(f, "gateway:us.ice", "id=" + messageId(recorded), "reason=REPLAYED_MESSAGE");

    Envelope another = dea.querySignedBy("us.ice", "node-1");
    assertThat(dea.refusalOf("us.ice", another)).isNotEqualTo(Optional.of(Reason.REPLAYED_MESSAGE));
    kill9(f.gateway("us.ice").pid(), f.node("us.ice").pid());
    f.gateway("us.ice").stop();
    f.node("us.ice").stop();
    Files.delete(f.workDir().resolve("us.ice").resolve("gateway").resolve("replay-ids.log"));
    Together.start(f.node("us.ice"), f.gateway("us.ice"));
    assertThat(dea.refusalOf("us.ice", another))
        .as("the node's own journal, after its gateway lost its own")
        .contains(Reason.REPLAYED_MESSAGE);
    Officers.awaitIceAnsweredByDea(f);
  }

  private static void kill9(long... pids) throws Exception {
    for (long pid : pids) {
      ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
      // destroyForcibly is SIGKILL on Unix: the process gets no chance to flush or close anything
      p.destroyForcibly();
      p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /**
   * A running node is given a new signature file for an agreement in force, made with one of its
   * own agency's certificates that are not the signatory's (an officer's, the gateway's, the
   * node's): each is refused with CERTIFICATE_WRONG_ROLE, put on record (log and audit entry), and
   * the agreement it had stays in force (a query to the partner under it is still answered).
   */
  @Test
  void agreementSignedWithAnOfficerGatewayOrNodeCertificate_isRefused_theOldOneStays(Federation f)
      throws Exception {
    Path agreements = f.workDir().resolve("us.ice").resolve("agreements");
    String id = "dea-ice-xdes-2009";
    Path yaml = agreements.resolve(id + ".yaml");
    Path mine = agreements.resolve(id + ".us.ice.p7s");
    byte[] original = Files.readAllBytes(mine);
    PkiLayout pki = new Attacker(f, "us.ice").pki();
    try {
      PartnerAnswer.Status before = answerFromDea(f).getStatus();
      assertThat(before).isIn(PartnerAnswer.Status.MATCH, PartnerAnswer.Status.NO_MATCH);
      record Signer(String who, Path key, Path cert) {}
      Path officer = pki.officerDir("us.ice", "officer-1");
      Path gateway = pki.gatewayDir("us.ice");
      Path node = pki.nodeDir("us.ice", "node-1");
      for (Signer signer :
          List.of(
              new Signer(
                  "officer",
                  officer.resolve(PkiLayout.TLS_KEY),
                  officer.resolve(PkiLayout.TLS_CERT)),
              new Signer(
                  "gateway",
                  gateway.resolve(PkiLayout.TLS_KEY),
                  gateway.resolve(PkiLayout.TLS_CERT)),
              new Signer(
                  "node",
                  node.resolve(PkiLayout.SIGNING_KEY),
                  node.resolve(PkiLayout.SIGNING_CERT)))) {
        AgencyCredentials wrongRole =
            new AgencyCredentials(
                "us.ice",
                // the JDK's own EC key, as the signatory's is loaded for signing
                java.security.KeyFactory.getInstance("EC")
                    .generatePrivate(
                        new java.security.spec.PKCS8EncodedKeySpec(
                            Pem.readPrivateKey(signer.key()).getEncoded())),
                Pem.readCertificate(signer.cert()),
                AgencyCredentials.caCertificate(f.pkiDir(), "us.ice"));
        Files.write(mine, AgreementSigner.sign(Files.readAllBytes(yaml), wrongRole));
        Thread.sleep(1_100); // the folder is compared at most once a second

        PartnerAnswer fromDea = answerFromDea(f);
        assertThat(fromDea.getStatus())
            .as("signed with the " + signer.who() + " certificate: the agreement it had stays")
            .isEqualTo(before);
        String dn = Pem.readCertificate(signer.cert()).getSubjectX500Principal().getName();
        onRecord(
            f,
            "us.ice",
            "refused a new version of agreement " + id,
            "reason=CERTIFICATE_WRONG_ROLE",
            dn);
        try (NodeClient ice = f.node("us.ice").client()) {
          List<org.liaison.wire.v1.AuditEntry> entries =
              org.liaison.wire.audit.AuditBundles.join(
                      org.liaison.wire.v1.AuditGrpc.newBlockingStub(ice.channel())
                          .withDeadlineAfter(60, java.util.concurrent.TimeUnit.SECONDS)
                          .export(org.liaison.wire.v1.AuditExportRequest.getDefaultInstance()))
                  .getRecordsList()
                  .stream()
                  .map(org.liaison.wire.v1.AuditRecord::getDecoded)
                  .toList();
          assertThat(entries)
              .anySatisfy(
                  e -> {
                    assertThat(e.getKind()).isEqualTo(org.liaison.wire.v1.AuditKind.REFUSAL);
                    assertThat(e.getAgreementId()).isEqualTo(id);
                    assertThat(e.getReason()).isEqualTo("CERTIFICATE_WRONG_ROLE");
                    assertThat(e.getDetail()).contains(dn);
                  });
        }
      }
    } finally {
      Files.write(mine, original);
    }
    Thread.sleep(1_100); // the folder is compared at most once a second
    Officers.awaitIceAnsweredByDea(f);
  }

  private static PartnerAnswer answerFromDea(Federation f) {
    try (NodeClient ice = f.node("us.ice").client()) {
      return Officers.from(
          ice.queryAll(
              Officers.phoneQuery(
                  "(305) 555-0142", "DRUG_TRAFFICKING", "ICE-MIA-2026-0311", "us.dea")),
          "us.dea");
    }
  }

  /**
   * The officers' API shares Quarkus' HTTP server with the probes' plain-HTTP port (decision 0036):
   * a call there, with no TLS and so no certificate, reaches no service.
   */
  @Test
  void officerCallOverThePlainHttpPort_isRefused(Federation f) throws Exception {
    io.grpc.ManagedChannel plain =
        io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress(
                "127.0.0.1", f.node("us.ice").httpPort())
            .usePlaintext()
            .build();
    try {
      assertThatThrownBy(
              () ->
                  org.liaison.wire.v1.OfficerGrpc.newBlockingStub(plain)
                      .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
                      .status(org.liaison.wire.v1.StatusRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
                assertThat(e.getStatus().getDescription()).contains("mutual TLS is required");
              });
    } finally {
      plain.shutdownNow();
    }
  }

  /**
   * An officer's open stream ({@code alerts --follow}) is closed by the node when that officer is
   * revoked, within the bound, with the reason: the officers' API on Quarkus gRPC (decision 0036)
   * still closes a revoked officer's running calls at the trust reload.
   */
  @Test
  void officerRevokedWhileFollowingAlerts_hasTheStreamClosed(Federation f) throws Exception {
    NodeClient open = f.node("us.ice").client();
    Path cert = f.node("us.ice").officerCredentials().certificate();
    java.util.concurrent.CompletableFuture<Throwable> ended =
        new java.util.concurrent.CompletableFuture<>();
    org.liaison.wire.v1.DeconflictionGrpc.newStub(open.channel())
        .alerts(
            org.liaison.wire.v1.AlertsRequest.newBuilder()
                .setFollow(true)
                .setCaseReference("ICE-FOLLOW-REVOKED")
                .build(),
            new StreamObserver<>() {
              @Override
              public void onNext(org.liaison.wire.v1.Alert alert) {}

              @Override
              public void onError(Throwable t) {
                ended.complete(t);
              }

              @Override
              public void onCompleted() {
                ended.complete(null);
              }
            });
    try {
      assertThat(open.status().getAgency()).as("before the revocation").isEqualTo("us.ice");
      Thread.sleep(2_000);
      assertThat(ended).as("the stream is open before the revocation").isNotDone();
      try (Revocation revoked = Revocation.revoke(f, "us.ice", cert)) {
        Throwable end =
            ended.get(REVOCATION_BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(end).isInstanceOf(StatusRuntimeException.class);
        assertThat(Refused.of((StatusRuntimeException) end))
            .isEqualTo(
                new Refused(io.grpc.Status.Code.PERMISSION_DENIED, Reason.CERTIFICATE_REVOKED));
      }
    } finally {
      open.close();
    }
    awaitWithinTheBound(
        "the officer served again once the revocation is taken back",
        () -> {
          try (NodeClient again = f.node("us.ice").client()) {
            return again.status().getAgency().equals("us.ice");
          }
        });
  }

  @Test
  void officerRevokedWhileRunning_isRefusedWithinTheBound(Federation f) throws Exception {
    NodeClient open = f.node("us.ice").client();
    Path cert = f.node("us.ice").officerCredentials().certificate();
    assertThat(open.status().getAgency()).as("before the revocation").isEqualTo("us.ice");
    try (Revocation revoked = Revocation.revoke(f, "us.ice", cert)) {
      long started = System.nanoTime();
      Refused onOpen = awaitRefusal(() -> open.status(), started);
      // refused on the connection opened before (CERTIFICATE_REVOKED), or that connection was
      // already closed by the node and the new handshake refused (no reason travels in a
      // handshake; the node's log line below names it)
      assertThat(onOpen)
          .as("a call of the client connected before")
          .isIn(
              new Refused(io.grpc.Status.Code.PERMISSION_DENIED, Reason.CERTIFICATE_REVOKED),
              Refused.HANDSHAKE);
      try (NodeClient fresh = f.node("us.ice").client()) {
        // a refused handshake carries no reason: the new connection is UNAVAILABLE, and the
        // node's log below names CERTIFICATE_REVOKED
        assertThat(refusalOf(fresh::status)).isEqualTo(Refused.HANDSHAKE);
      }
      onRecord(f, "us.ice", "refused TLS peer CN=officer-1", "reason=CERTIFICATE_REVOKED");
    } finally {
      open.close();
    }
    awaitWithinTheBound(
        "the officer served again once the revocation is taken back",
        () -> {
          try (NodeClient again = f.node("us.ice").client()) {
            return again.status().getAgency().equals("us.ice");
          }
        });
  }

  @Test
  void envelopeSignedWithARevokedNodeKey_isRefusedWithinTheBound(Federation f) throws Exception {
    Attacker dea = new Attacker(f, "us.dea");
    // the query is empty, so ICE's node may refuse it: whatever it says, it is not a revocation
    Optional<Reason> before = dea.refusalOf("us.ice", dea.querySignedBy("us.ice", "node-1"));
    assertThat(before)
        .as("before the revocation")
        .isNotEqualTo(Optional.of(Reason.CERTIFICATE_REVOKED));
    Path signing = dea.pki().nodeDir("us.dea", "node-1").resolve(PkiLayout.SIGNING_CERT);
    try (Revocation revoked = Revocation.revoke(f, "us.dea", signing)) {
      long started = System.nanoTime();
      Envelope e = null;
      Optional<Reason> reason = Optional.empty();
      while (System.nanoTime() - started < REVOCATION_BOUND.toNanos()) {
        e = dea.querySignedBy("us.ice", "node-1");
        reason = dea.refusalOf("us.ice", e);
        if (reason.equals(Optional.of(Reason.CERTIFICATE_REVOKED))) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(reason).contains(Reason.CERTIFICATE_REVOKED);
      onRecord(f, "gateway:us.ice", "id=" + messageId(e), "reason=CERTIFICATE_REVOKED");
    }
    awaitWithinTheBound(
        "DEA's node key accepted again once the revocation is taken back",
        () -> dea.refusalOf("us.ice", dea.querySignedBy("us.ice", "node-1")).equals(before));
    Officers.awaitIceAnsweredByDea(f);
  }

  @Test
  void partnerGatewayRevokedWhileRunning_isRefusedWithinTheBound(Federation f) throws Exception {
    Attacker dea = new Attacker(f, "us.dea");
    Envelope any = dea.querySignedBy("us.ice", "officer-1");
    assertThat(dea.refusalOf("us.ice", any))
        .as("before the revocation: past the handshake, refused for the signer's role")
        .contains(Reason.CERTIFICATE_WRONG_ROLE);
    Path tls = dea.pki().gatewayDir("us.dea").resolve(PkiLayout.TLS_CERT);
    try (Revocation revoked = Revocation.revoke(f, "us.dea", tls)) {
      long started = System.nanoTime();
      Refused refused = null;
      while (System.nanoTime() - started < REVOCATION_BOUND.toNanos()) {
        refused = refusalOf(() -> dea.sendAsGateway("us.ice", any));
        if (refused.reason() != Reason.CERTIFICATE_WRONG_ROLE) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(refused)
          .as("DEA's revoked gateway is refused by ICE's gateway")
          .isIn(
              Refused.HANDSHAKE,
              new Refused(io.grpc.Status.Code.PERMISSION_DENIED, Reason.CERTIFICATE_REVOKED));
      onRecord(
          f, "gateway:us.ice", "refused TLS peer CN=gateway.us.dea", "reason=CERTIFICATE_REVOKED");
    }
    awaitWithinTheBound(
        "DEA's gateway admitted again once the revocation is taken back",
        () -> dea.refusalOf("us.ice", any).equals(Optional.of(Reason.CERTIFICATE_WRONG_ROLE)));
    Officers.awaitIceAnsweredByDea(f);
  }

  /** How a call was refused: its status and reason ({@link #HANDSHAKE}: a refused handshake). */
  record Refused(io.grpc.Status.Code code, Reason reason) {
    static final Refused HANDSHAKE =
        new Refused(io.grpc.Status.Code.UNAVAILABLE, Reason.REASON_UNSPECIFIED);

    static Refused of(StatusRuntimeException e) {
      return new Refused(
          e.getStatus().getCode(), Refusals.reasonOf(e).orElse(Reason.REASON_UNSPECIFIED));
    }
  }

  private static Refused refusalOf(Call call) {
    return attempt(call).orElseThrow(() -> new AssertionError("not refused"));
  }

  /** How {@code call} was refused, or empty when it was served. */
  private static Optional<Refused> attempt(Call call) {
    try {
      call.run();
      return Optional.empty();
    } catch (StatusRuntimeException e) {
      return Optional.of(Refused.of(e));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  /** A restored credential is taken up on the same schedule as a revocation. */
  private static void awaitWithinTheBound(String what, Condition condition) throws Exception {
    long until = System.nanoTime() + REVOCATION_BOUND.multipliedBy(2).toNanos();
    Exception last = null;
    while (System.nanoTime() < until) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (StatusRuntimeException e) {
        last = e;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(what + ": not within " + REVOCATION_BOUND.multipliedBy(2), last);
  }

  interface Call {
    Object run() throws Exception;
  }

  private static Refused awaitRefusal(Call call, long started) throws InterruptedException {
    while (System.nanoTime() - started < REVOCATION_BOUND.toNanos()) {
      Optional<Refused> refused = attempt(call);
      if (refused.isPresent()) {
        return refused.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not refused within " + REVOCATION_BOUND);
  }
}
