package org.liaison.cli;

import java.util.concurrent.TimeUnit;
import org.liaison.wire.v1.DeconflictionGrpc;
import org.liaison.wire.v1.PartnerQuota;
import org.liaison.wire.v1.QuotaReport;
import org.liaison.wire.v1.QuotaRequest;
import picocli.CommandLine.Command;

@Command(
    name = "quota",
    description = {
      "Today's counts with each partner (UTC day): how many of each partner's de-confliction",
      "probes your node answered, against the quota it allows them; how many of yours each",
      "partner answered, against the quota it allows you; and how many of each partner's",
      "queries your node answered, against the agreement's queries_per_day."
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
      out().println("Quotas on " + report.getDay() + " (UTC):");
      out()
          .println(
              String.format(
                  "  %-10s %-22s %20s %20s %20s",
                  "partner", "agreement", "their probes", "our probes", "their queries"));
      for (PartnerQuota q : report.getPartnersList()) {
        out()
            .println(
                String.format(
                    "  %-10s %-22s %20s %20s %20s",
                    q.getPartnerAgency(),
                    q.getAgreementId(),
                    q.getAnsweredToday() + "/" + q.getAnsweredLimit(),
                    q.getSentToday() + "/" + (q.getPartnerLimit() == 0 ? "?" : q.getPartnerLimit()),
                    q.getQueriesAnsweredToday() + "/" + q.getQueriesLimit()));
      }
    }
    out().flush();
    return 0;
  }
}
