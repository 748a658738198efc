package org.liaison.cli;

import org.liaison.wire.v1.ServiceLevelBreach;
import org.liaison.wire.v1.StepTiming;
import org.liaison.wire.v1.TimelinessReport;
import org.liaison.wire.v1.TimelinessRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "report",
    description = "Reports on your node's exchanges.",
    subcommands = {ReportCommand.Timeliness.class})
final class ReportCommand extends CommandGroup {

  @Command(
      name = "timeliness",
      description = {
        "How long each workflow step takes, per partner and agreement:",
        "median and 90th percentile, and every breach of a service level."
      })
  static final class Timeliness extends WorkflowCommand {
    @Option(names = "--partner", paramLabel = "AGENCY", description = "Only this partner.")
    String partner = "";

    @Override
    int run(NodeClient client) {
      TimelinessReport r =
          workflows(client).timeliness(TimelinessRequest.newBuilder().setPartner(partner).build());
      if (json) {
        out().println(Json.line(r));
        out().flush();
        return 0;
      }
      out().println("Timeliness at " + r.getGeneratedAt());
      if (r.getStepsCount() == 0) {
        out().println("  no workflow steps yet");
      }
      for (StepTiming s : r.getStepsList()) {
        out()
            .printf(
                "  %-10s %-20s %-20s %-9s %-18s n=%-4d median %-12s p90 %s%n",
                s.getPartnerAgency(),
                s.getAgreementId(),
                s.getKind(),
                s.getSide(),
                s.getStep(),
                s.getCount(),
                Durations.text(s.getMedianMs()),
                Durations.text(s.getP90Ms()));
      }
      out()
          .println(
              r.getBreachesCount()
                  + " service-level breach"
                  + (r.getBreachesCount() == 1 ? "" : "es"));
      for (ServiceLevelBreach b : r.getBreachesList()) {
        out()
            .printf(
                "  %s %s %s with %s under %s: due %s, %s, late by %s%n",
                b.getWorkflowId(),
                b.getKind(),
                b.getSide(),
                b.getPartnerAgency(),
                b.getAgreementId(),
                b.getDueAt(),
                b.getAnsweredAt().isEmpty() ? "still open" : "answered " + b.getAnsweredAt(),
                Durations.text(b.getLateMs()));
      }
      out().flush();
      return 0;
    }
  }
}
