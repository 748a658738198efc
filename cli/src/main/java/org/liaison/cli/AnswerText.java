package org.liaison.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.liaison.wire.text.Sentences;
import org.liaison.wire.v1.Disclosure;
import org.liaison.wire.v1.NodeStatus;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.PartnerStatus;
import org.liaison.wire.v1.TargetConflict;
import org.liaison.wire.v1.Withheld;

/** Renders officer API answers as text for a person. */
final class AnswerText {

  private AnswerText() {}

  static String partnerAnswer(PartnerAnswer a) {
    StringBuilder s = new StringBuilder();
    s.append(
        head(a.getPartnerAgency(), a.getStatus().name(), a.getAgreementId(), a.getLatencyMs()));
    switch (a.getStatus()) {
      case MATCH -> {
        for (Disclosure d : a.getAnswer().getDisclosuresList()) {
          s.append('\n').append(disclosure(d));
        }
        for (Withheld w : a.getAnswer().getWithheldList()) {
          s.append('\n').append(withheld(w));
        }
      }
      case NO_MATCH -> {
        for (Withheld w : a.getAnswer().getWithheldList()) {
          s.append('\n').append(withheld(w));
        }
      }
      case REFUSED -> s.append('\n').append("  ").append(Sentences.refusal(a));
      default -> {
        String why = Sentences.because(a.getReason(), a.getMessage());
        if (!why.isEmpty()) {
          s.append('\n').append("  ").append(why);
        }
      }
    }
    return s.toString();
  }

  static String checkAnswer(PartnerCheckAnswer a) {
    boolean conflict = a.getStatus() == PartnerAnswer.Status.MATCH;
    String label =
        conflict
            ? "CONFLICT"
            : a.getStatus() == PartnerAnswer.Status.NO_MATCH ? "NO_CONFLICT" : a.getStatus().name();
    StringBuilder s =
        new StringBuilder(head(a.getPartnerAgency(), label, a.getAgreementId(), a.getLatencyMs()));
    if (conflict) {
      for (TargetConflict c : a.getAnswer().getConflictsList()) {
        s.append("\n  case ").append(orDash(c.getCaseReference()));
        s.append(", contact ").append(Sentences.contact(c.getPointOfContact()));
        s.append("\n    ")
            .append(
                alerts(
                    c.getAlertRecordedHere(), c.getAlertRecordedByPartner(), a.getPartnerAgency()));
      }
    } else if (a.getAnswer().hasRefusal()) {
      s.append("\n  ").append(Sentences.refusal(a.getAnswer().getRefusal(), a.getAgreementId()));
    } else {
      String why = Sentences.because(a.getReason(), a.getMessage());
      if (!why.isEmpty()) {
        s.append("\n  ").append(why);
      }
    }
    return s.toString();
  }

  /**
   * What the two case agents know of a conflict: "alerted" only when both nodes have recorded the
   * alert, otherwise which one is pending.
   */
  static String alerts(boolean here, boolean partner, String partnerAgency) {
    if (here && partner) {
      return "both case agents are alerted";
    }
    if (here) {
      return "your case agent is alerted; "
          + partnerAgency
          + " has not confirmed its alert (pending there)";
    }
    if (partner) {
      return partnerAgency
          + " alerted its case agent; the alert here is not recorded yet (pending here, see"
          + " liaison alerts)";
    }
    return "no alert is recorded on either side yet (pending)";
  }

  static String status(NodeStatus st) {
    StringBuilder s = new StringBuilder();
    s.append("Node ").append(st.getNode()).append(" of ").append(st.getAgency());
    if (!st.getVersion().isEmpty()) {
      s.append(" (version ").append(st.getVersion()).append(')');
    }
    s.append('\n');
    s.append("  holds ")
        .append(st.getCases())
        .append(" cases, ")
        .append(st.getRecords())
        .append(" records, ")
        .append(st.getIdentifiers())
        .append(" identifiers\n");
    if (st.getPendingChecks() > 0) {
      s.append("  ")
          .append(st.getPendingChecks())
          .append(st.getPendingChecks() == 1 ? " case or operation" : " cases or operations")
          .append(" waiting for an automatic de-confliction check (retried until partners")
          .append(" answer)\n");
    }
    if (st.getPartnersCount() == 0) {
      s.append("  no partners");
    } else {
      s.append("  partners:");
      for (PartnerStatus p : st.getPartnersList()) {
        s.append("\n    ")
            .append(pad(p.getAgency(), 10))
            .append(' ')
            .append(p.getInForce() ? "in force  " : "NOT in force")
            .append(' ')
            .append(p.getAgreementId());
        if (!p.getReason().isEmpty()) {
          s.append(" (").append(p.getReason()).append(')');
        }
      }
    }
    return s.toString();
  }

  private static String head(String partner, String label, String agreement, long latencyMs) {
    StringBuilder s = new StringBuilder(pad(partner, 10)).append(' ').append(pad(label, 17));
    List<String> notes = new ArrayList<>();
    if (!agreement.isEmpty()) notes.add("agreement " + agreement);
    notes.add(latencyMs + " ms");
    return s.append(" (").append(String.join(", ", notes)).append(')').toString();
  }

  private static String disclosure(Disclosure d) {
    StringBuilder s = new StringBuilder("  ").append(d.getTier().name());
    if (!d.getRecordCategory().isEmpty()) s.append(' ').append(d.getRecordCategory());
    if (!d.getRecordId().isEmpty()) s.append(" record ").append(d.getRecordId());
    if (!d.getMatch().isEmpty()) s.append(", matched ").append(d.getMatch());
    if (!d.getOriginatorAgency().isEmpty() && !d.getOriginatorAgency().equals(d.getOwnerAgency())) {
      s.append(", originator ").append(d.getOriginatorAgency());
    }
    if (!d.getCaseReference().isEmpty()) s.append("\n    case ").append(d.getCaseReference());
    if (d.hasPointOfContact())
      s.append("\n    contact ").append(Sentences.contact(d.getPointOfContact()));
    if (d.getCaveatsCount() > 0)
      s.append("\n    caveats ").append(String.join(" ", d.getCaveatsList()));
    for (Map.Entry<String, String> f : new java.util.TreeMap<>(d.getFieldsMap()).entrySet()) {
      s.append("\n    ").append(f.getKey()).append(": ").append(f.getValue());
    }
    return s.toString();
  }

  private static String withheld(Withheld w) {
    StringBuilder s = new StringBuilder("  WITHHELD");
    if (!w.getRecordId().isEmpty()) s.append(" record ").append(w.getRecordId());
    if (!w.getOriginatorAgency().isEmpty())
      s.append(" (originator ").append(w.getOriginatorAgency()).append(')');
    String why = Sentences.because(w.getReason(), w.getMessage());
    if (!why.isEmpty()) s.append(": ").append(why);
    return s.toString();
  }

  private static String orDash(String s) {
    return s.isEmpty() ? "-" : s;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
