package org.liaison.cli;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.liaison.wire.text.Sentences;
import org.liaison.wire.v1.ConfirmedConflict;
import org.liaison.wire.v1.DeconflictionGrpc;
import org.liaison.wire.v1.EventCheckAnswer;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PlanOperationRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "operation",
    description = "Planned operations and event de-confliction.",
    subcommands = {OperationCommand.Plan.class})
final class OperationCommand extends CommandGroup {

  @Command(
      name = "plan",
      description = {
        "Plan (or update) an operation and check it against every partner at once:",
        "another agency's operation whose area and time window come close is an officer-safety"
            + " conflict,",
        "and each conflict alerts both case agents, once, with each other's point of contact."
      },
      footer = {
        "",
        "Example:",
        "  liaison operation plan --case ICE-MIA-2026-0311 --type SURVEILLANCE --lat 25.7771 --lon"
            + " -80.1935 \\",
        "      --radius-m 100 --from 2026-12-03T07:30-05:00 --to 2026-12-03T11:00-05:00"
      })
  static final class Plan extends NodeCommand {
    @Option(
        names = "--case",
        required = true,
        paramLabel = "REF",
        description = "Your case reference.")
    String caseReference;

    @Option(
        names = "--id",
        paramLabel = "ID",
        description = "The operation's id (repeat it to update; default: a new id).")
    String id;

    @Option(
        names = "--type",
        paramLabel = "TYPE",
        defaultValue = "OPERATION",
        description = "e.g. SEARCH_WARRANT, SURVEILLANCE, ARREST.")
    String type;

    @Option(
        names = "--lat",
        required = true,
        description = "Latitude of the centre, degrees (WGS84).")
    double latitude;

    @Option(
        names = "--lon",
        required = true,
        description = "Longitude of the centre, degrees (WGS84).")
    double longitude;

    @Option(
        names = "--radius-m",
        required = true,
        description = "Radius of the area, metres (at most 10000).")
    int radius;

    @Option(
        names = "--address",
        description = "The address, for your own records (it never leaves your node).")
    String address;

    @Option(
        names = "--from",
        required = true,
        paramLabel = "DATETIME",
        description = "Start, ISO-8601 with offset, e.g. 2026-12-03T06:00-05:00.")
    String from;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "DATETIME",
        description = "End, ISO-8601 with offset.")
    String to;

    @Option(
        names = "--deadline-ms",
        paramLabel = "MS",
        description = "How long the node waits for partners (default: the node's).")
    int deadlineMs;

    @Override
    int run(NodeClient client) {
      if (radius < 0) {
        throw usage("--radius-m must not be negative");
      }
      PlanOperationRequest.Builder req =
          PlanOperationRequest.newBuilder()
              .setCaseReference(caseReference)
              .setType(type)
              .setLatitude(latitude)
              .setLongitude(longitude)
              .setRadiusMetres(radius)
              .setStart(from)
              .setEnd(to)
              .setDeadlineMs(Math.max(0, deadlineMs));
      if (id != null) req.setId(id);
      if (address != null) req.setAddress(address);
      Iterator<EventCheckAnswer> answers =
          DeconflictionGrpc.newBlockingStub(client.channel())
              .withDeadlineAfter(60, TimeUnit.SECONDS)
              .planOperation(req.build());
      int conflicts = 0;
      int alerted = 0;
      String operation = null;
      while (answers.hasNext()) {
        EventCheckAnswer a = answers.next();
        operation = a.getOperationId();
        conflicts += a.getConflictsCount();
        for (ConfirmedConflict c : a.getConflictsList()) {
          alerted += c.getAlertRecordedHere() && c.getAlertRecorded() ? 1 : 0;
        }
        out().println(json ? Json.line(a) : text(a));
        out().flush();
      }
      if (!json) {
        out()
            .println(
                (operation == null
                        ? "Operation stored; no partner takes part in event de-confliction."
                        : "Operation " + operation + ": ")
                    + (conflicts == 0
                        ? "no conflict."
                        : conflicts
                            + " OFFICER-SAFETY conflict(s); "
                            + (alerted == conflicts
                                ? "both case agents are alerted."
                                : (conflicts - alerted)
                                    + " of them not yet alerted on both sides (see above).")));
        out().flush();
      }
      return 0;
    }

    static String text(EventCheckAnswer a) {
      if (a.getStatus() == PartnerAnswer.Status.MATCH) {
        StringBuilder s = new StringBuilder(a.getPartnerAgency() + ": OFFICER-SAFETY CONFLICT");
        for (ConfirmedConflict c : a.getConflictsList()) {
          s.append("\n  case ")
              .append(c.getCaseReference())
              .append("; contact ")
              .append(Sentences.contact(c.getPointOfContact()))
              .append("\n    ")
              .append(
                  AnswerText.alerts(
                      c.getAlertRecordedHere(), c.getAlertRecorded(), a.getPartnerAgency()));
        }
        return s.toString();
      }
      if (a.getStatus() == PartnerAnswer.Status.NO_MATCH) {
        return a.getPartnerAgency() + ": no conflict (" + a.getLatencyMs() + " ms)";
      }
      return a.getPartnerAgency()
          + ": "
          + a.getStatus()
          + " ("
          + a.getReason()
          + "): "
          + a.getMessage();
    }
  }
}
