package org.liaison.cluster.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.Federation;
import org.liaison.wire.v1.AcknowledgeRequest;
import org.liaison.wire.v1.Alert;
import org.liaison.wire.v1.DeconflictionGrpc;
import org.liaison.wire.v1.MatchKind;

/** A case agent's de-confliction alerts, as the acceptance tests read and acknowledge them. */
public final class Alerts {
  private Alerts() {}

  /** The case's alerts not yet acknowledged. */
  public static List<Alert> pending(Federation f, String agency, String caseReference) {
    return f.node(agency).pendingAlerts(caseReference);
  }

  /** Waits for the case's one pending alert of this kind, and fails if there are more. */
  static Alert awaitOne(
      Federation f, String agency, String caseReference, MatchKind kind, Duration patience) {
    long until = System.nanoTime() + patience.toNanos();
    while (true) {
      List<Alert> alerts =
          pending(f, agency, caseReference).stream().filter(a -> a.getKind() == kind).toList();
      if (!alerts.isEmpty() || System.nanoTime() > until) {
        assertThat(alerts).as("alerts of " + agency + " for " + caseReference).hasSize(1);
        return alerts.get(0);
      }
      pause(100);
    }
  }

  /**
   * Waits for the case's one pending alert of this kind about the partner's case {@code
   * partnerCaseReference}, and fails if there are more: alerts about the case's other conflicts are
   * not this one's business.
   */
  static Alert awaitOne(
      Federation f,
      String agency,
      String caseReference,
      String partnerCaseReference,
      MatchKind kind,
      Duration patience) {
    long until = System.nanoTime() + patience.toNanos();
    while (true) {
      List<Alert> alerts =
          pending(f, agency, caseReference).stream()
              .filter(a -> a.getKind() == kind)
              .filter(a -> a.getPartnerCaseReference().equals(partnerCaseReference))
              .toList();
      if (!alerts.isEmpty() || System.nanoTime() > until) {
        assertThat(alerts)
            .as("alerts of " + agency + " for " + caseReference + " about " + partnerCaseReference)
            .hasSize(1);
        return alerts.get(0);
      }
      pause(100);
    }
  }

  static void acknowledge(Federation f, String agency, Alert a) {
    try (NodeClient c = f.node(agency).client()) {
      DeconflictionGrpc.newBlockingStub(c.channel())
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .acknowledge(AcknowledgeRequest.newBuilder().addAlertIds(a.getId()).build());
    }
  }

  static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
