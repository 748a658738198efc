package org.liaison.cluster.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import org.liaison.wire.v1.Disclosure;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.PointOfContact;
import org.liaison.wire.v1.Reason;

/** Prints a scenario's story: what was done, what came back, and whether that was right. */
public final class Narrator {

  private final PrintStream out;

  public Narrator(PrintStream out) {
    this.out = out;
  }

  public void step(String text) {
    out.println("  - " + text);
  }

  public void detail(String text) {
    out.println("      " + text);
  }

  public void verdict(boolean ok, String text) {
    out.println("  " + (ok ? "PASS" : "FAIL") + ": " + text);
  }

  /** One line per partner answer of a query. */
  public void answers(List<PartnerAnswer> answers) {
    for (PartnerAnswer a : answers) {
      StringBuilder s = new StringBuilder(a.getPartnerAgency()).append(": ").append(a.getStatus());
      if (!a.getAgreementId().isEmpty()) s.append(" under ").append(a.getAgreementId());
      s.append(" in ").append(a.getLatencyMs()).append(" ms");
      if (a.getAnswer().hasRefusal()) {
        s.append(" (")
            .append(a.getAnswer().getRefusal().getReason())
            .append(": ")
            .append(a.getAnswer().getRefusal().getMessage())
            .append(')');
      } else if (a.getReason() != Reason.REASON_UNSPECIFIED) {
        s.append(" (")
            .append(a.getReason())
            .append(a.getMessage().isEmpty() ? "" : ": " + a.getMessage())
            .append(')');
      }
      detail(s.toString());
      for (Disclosure d : a.getAnswer().getDisclosuresList()) {
        detail(
            "  "
                + d.getTier()
                + " "
                + d.getRecordCategory()
                + " case "
                + d.getCaseReference()
                + (d.getFieldsCount() > 0
                    ? " fields "
                        + d.getFieldsMap().keySet().stream()
                            .sorted()
                            .collect(Collectors.joining(","))
                    : ""));
      }
      for (var w : a.getAnswer().getWithheldList()) {
        detail(
            "  WITHHELD record "
                + w.getRecordId()
                + " (originator "
                + w.getOriginatorAgency()
                + ", "
                + w.getReason()
                + ": "
                + w.getMessage()
                + ")");
      }
    }
  }

  /** One line per partner answer of a target check. */
  public void checkAnswers(List<PartnerCheckAnswer> answers) {
    for (PartnerCheckAnswer a : answers) {
      StringBuilder s =
          new StringBuilder(a.getPartnerAgency())
              .append(": ")
              .append(
                  a.getStatus() == PartnerAnswer.Status.MATCH ? "CONFLICT" : a.getStatus().name());
      a.getAnswer()
          .getConflictsList()
          .forEach(
              c ->
                  s.append(" - case ")
                      .append(c.getCaseReference())
                      .append(", contact ")
                      .append(contact(c.getPointOfContact())));
      detail(s.toString());
    }
  }

  static String contact(PointOfContact c) {
    return String.join(
        ", ",
        List.of(c.getName(), c.getAgency(), c.getPhone(), c.getEmail()).stream()
            .filter(x -> !x.isEmpty())
            .toList());
  }
}
