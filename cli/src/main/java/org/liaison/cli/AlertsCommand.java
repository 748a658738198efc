package org.liaison.cli;

import java.util.Iterator;
import org.liaison.wire.text.Sentences;
import org.liaison.wire.v1.AcknowledgeRequest;
import org.liaison.wire.v1.Alert;
import org.liaison.wire.v1.AlertsRequest;
import org.liaison.wire.v1.DeconflictionGrpc;
import org.liaison.wire.v1.MatchKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "alerts",
    description = {
      "De-confliction alerts for your agency's cases: target conflicts and officer-safety event"
          + " conflicts.",
      "Each alert names the other agency's case reference and point of contact, nothing more.",
      "Alerts are acknowledged once printed; unacknowledged ones are shown again next time."
    },
    footer = {
      "",
      "Examples:",
      "  liaison alerts",
      "  liaison alerts --follow --case ICE-MIA-2026-0311"
    })
final class AlertsCommand extends NodeCommand {

  @Option(names = "--follow", description = "Keep waiting for new alerts (Ctrl-C to stop).")
  boolean follow;

  @Option(names = "--case", paramLabel = "REF", description = "Only alerts of this case.")
  String caseReference;

  @Option(
      names = "--no-ack",
      description = "Print without acknowledging (they will be shown again).")
  boolean noAck;

  @Override
  int run(NodeClient client) {
    DeconflictionGrpc.DeconflictionBlockingStub stub =
        DeconflictionGrpc.newBlockingStub(client.channel());
    AlertsRequest.Builder req = AlertsRequest.newBuilder().setFollow(follow);
    if (caseReference != null) {
      req.setCaseReference(caseReference);
    }
    int n = 0;
    Iterator<Alert> alerts = stub.alerts(req.build());
    while (alerts.hasNext()) {
      Alert a = alerts.next();
      out().println(json ? Json.line(a) : text(a));
      out().flush();
      n++;
      if (!noAck) {
        // acknowledged only once printed: an alert lost on the way is delivered again
        stub.acknowledge(AcknowledgeRequest.newBuilder().addAlertIds(a.getId()).build());
      }
    }
    if (!json && !follow) {
      out().println(n == 0 ? "No new alerts." : n + " alert(s).");
      out().flush();
    }
    return 0;
  }

  static String text(Alert a) {
    String head = a.getKind() == MatchKind.EVENT ? "OFFICER SAFETY" : "TARGET CONFLICT";
    return head
        + "  your case "
        + a.getCaseReference()
        + "  <->  "
        + a.getPartnerAgency()
        + " case "
        + a.getPartnerCaseReference()
        + "\n  contact: "
        + Sentences.contact(a.getPartnerContact())
        + "\n  "
        + a.getMessage()
        + "\n  alert "
        + a.getId()
        + " at "
        + a.getCreatedAt();
  }
}
