package org.liaison.cli;

import java.util.concurrent.TimeUnit;
import org.liaison.wire.v1.DeconflictionGrpc;
import org.liaison.wire.v1.PartnerQuota;
import org.liaison.wire.v1.QuotaReport;
import org.liaison.wire.v1.QuotaRequest;
import picocli.CommandLine.Command;

@Command(
    name = "quota",
    mixinStandardHelpOptions = true,
    description = {
      "Today's de-confliction probe counts with each partner (UTC day):",
      "how many of each partner's probes your node answered, against the quota it allows them,",
      "and how many of yours each partner answered, against the quota it allows you."
    })
final class QuotaCommand extends NodeCommand {

  @Override
  int run(NodeClient client) {
    QuotaReport report =
        DeconflictionGrpc.newBlockingStub(client.channel())
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .quota(QuotaRequest.getDefaultInstance());
    if (json) {
      out().println(Json.line(report));
    } else {
      out().println("De-confliction probes on " + report.getDay() + " (UTC):");
      out()
          .println(
              String.format(
                  "  %-10s %-22s %20s %20s",
                  "partner", "agreement", "theirs answered", "ours answered"));
      for (PartnerQuota q : report.getPartnersList()) {
        out()
            .println(
                String.format(
                    "  %-10s %-22s %20s %20s",
                    q.getPartnerAgency(),
                    q.getAgreementId(),
                    q.getAnsweredToday() + "/" + q.getAnsweredLimit(),
                    q.getSentToday()
                        + "/"
                        + (q.getPartnerLimit() == 0 ? "?" : q.getPartnerLimit())));
      }
    }
    out().flush();
    return 0;
  }
}
