package org.liaison.node.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.alerts.AlertOutbox;
import org.liaison.wire.v1.AcknowledgeRequest;
import org.liaison.wire.v1.Alert;
import org.liaison.wire.v1.AlertsRequest;
import org.liaison.wire.v1.DeconflictionGrpc;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PointOfContact;

/**
 * The alerts subscription over real gRPC on loopback (plaintext here; the node serves it on the
 * officers' mutual-TLS listener): pending alerts first, then live ones; acknowledged ones stop.
 */
@QuarkusTest
@TestProfile(LoopbackProfile.class)
class DeconflictionServiceTest {
  @Inject @GrpcService DeconflictionService service;
  @Inject AlertOutbox outbox;

  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(service)
            .build()
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void follow_deliversPendingThenLiveAlerts_andAcknowledgedOnesAreNotRedelivered()
      throws Exception {
    Alert before = record("SVC-1", "P-1");
    BlockingQueue<Alert> received = new LinkedBlockingQueue<>();
    DeconflictionGrpc.newStub(channel)
        .alerts(
            AlertsRequest.newBuilder().setFollow(true).setCaseReference("SVC-1").build(),
            new StreamObserver<>() {
              @Override
              public void onNext(Alert a) {
                received.add(a);
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });

    assertThat(received.poll(10, TimeUnit.SECONDS))
        .extracting(Alert::getId)
        .isEqualTo(before.getId());
    Alert live = record("SVC-1", "P-2");
    assertThat(received.poll(10, TimeUnit.SECONDS))
        .extracting(Alert::getId)
        .isEqualTo(live.getId());
    record("SVC-OTHER", "P-3");
    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("another case's alert").isNull();

    var blocking = DeconflictionGrpc.newBlockingStub(channel);
    // delivered but not acknowledged: a new subscriber (as after a restart) gets both again
    List<String> again =
        ids(blocking.alerts(AlertsRequest.newBuilder().setCaseReference("SVC-1").build()));
    assertThat(again).containsExactly(before.getId(), live.getId());

    blocking.acknowledge(AcknowledgeRequest.newBuilder().addAlertIds(before.getId()).build());
    assertThat(ids(blocking.alerts(AlertsRequest.newBuilder().setCaseReference("SVC-1").build())))
        .containsExactly(live.getId());
  }

  @Test
  void sameConflictTwice_isOneAlert() {
    Alert first = record("SVC-2", "P-9");
    assertThat(
            outbox.record(
                new AlertOutbox.Draft(
                    MatchKind.TARGET, "SVC-2", "us.partner", "P-9", contact(), 0, "again", "c1")))
        .isEmpty();
    assertThat(outbox.pending("SVC-2")).extracting(Alert::getId).containsExactly(first.getId());
  }

  /** Issue 11: a second, different conflict between the same two cases is alerted too. */
  @Test
  void differentConflictBetweenTheSameCases_isAnotherAlert() {
    Alert first = record("SVC-3", "P-9");
    Alert second =
        outbox
            .record(
                new AlertOutbox.Draft(
                    MatchKind.EVENT,
                    "SVC-3",
                    "us.partner",
                    "P-9",
                    contact(),
                    0,
                    "another operation",
                    "c2"))
            .orElseThrow();
    assertThat(outbox.pending("SVC-3"))
        .extracting(Alert::getId)
        .containsExactly(first.getId(), second.getId());
  }

  private Alert record(String ownCase, String partnerCase) {
    return outbox
        .record(
            new AlertOutbox.Draft(
                MatchKind.TARGET,
                ownCase,
                "us.partner",
                partnerCase,
                contact(),
                0,
                "conflict " + partnerCase,
                "c1"))
        .orElseThrow();
  }

  private static PointOfContact contact() {
    return PointOfContact.newBuilder().setAgency("us.partner").setName("Agent P").build();
  }

  private static List<String> ids(java.util.Iterator<Alert> alerts) {
    List<String> out = new java.util.ArrayList<>();
    alerts.forEachRemaining(a -> out.add(a.getId()));
    return out;
  }
}
