package org.liaison.node.console;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.liaison.wire.text.Sentences;
import org.liaison.wire.v1.Alert;
import org.liaison.wire.v1.ConfirmedConflict;
import org.liaison.wire.v1.Disclosure;
import org.liaison.wire.v1.EventCheckAnswer;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.TargetConflict;
import org.liaison.wire.v1.Withheld;

/** What the pages show of the officer services' answers, as plain values for the templates. */
public final class AnswerViews {
  private AnswerViews() {}

  public record Field(String name, String value) {}

  public record DisclosureView(
      String tier,
      String category,
      String recordId,
      String match,
      String originator,
      String owner,
      String caseReference,
      String contact,
      String caveats,
      List<Field> fields) {
    static DisclosureView of(Disclosure d) {
      Map<String, String> sorted = new TreeMap<>(d.getFieldsMap());
      return new DisclosureView(
          d.getTier().name(),
          d.getRecordCategory(),
          d.getRecordId(),
          d.getMatch(),
          d.getOriginatorAgency(),
          d.getOwnerAgency(),
          d.getCaseReference(),
          d.hasPointOfContact() ? Sentences.contact(d.getPointOfContact()) : "",
          String.join(" ", d.getCaveatsList()),
          sorted.entrySet().stream().map(e -> new Field(e.getKey(), e.getValue())).toList());
    }
  }

  public record WithheldView(String recordId, String originator, String reason, String sentence) {
    static WithheldView of(Withheld w) {
      return new WithheldView(
          w.getRecordId(),
          w.getOriginatorAgency(),
          w.getReason().name(),
          Sentences.because(w.getReason(), w.getMessage()));
    }
  }

  /** One partner's answer to a query. */
  public record QueryAnswerView(
      String partner,
      String status,
      String agreement,
      long latencyMs,
      String sentence,
      List<DisclosureView> disclosures,
      List<WithheldView> withheld) {
    static QueryAnswerView of(PartnerAnswer a) {
      String sentence =
          switch (a.getStatus()) {
            case MATCH, NO_MATCH -> "";
            case REFUSED -> Sentences.refusal(a);
            default -> Sentences.because(a.getReason(), a.getMessage());
          };
      return new QueryAnswerView(
          a.getPartnerAgency(),
          a.getStatus().name(),
          a.getAgreementId(),
          a.getLatencyMs(),
          sentence,
          a.getAnswer().getDisclosuresList().stream().map(DisclosureView::of).toList(),
          a.getAnswer().getWithheldList().stream().map(WithheldView::of).toList());
    }
  }

  public record ConflictView(String caseReference, String contact) {
    static ConflictView of(TargetConflict c) {
      return new ConflictView(c.getCaseReference(), Sentences.contact(c.getPointOfContact()));
    }

    static ConflictView of(ConfirmedConflict c) {
      return new ConflictView(c.getCaseReference(), Sentences.contact(c.getPointOfContact()));
    }
  }

  /** One partner's answer to a target check or a planned operation. */
  public record CheckAnswerView(
      String partner,
      String status,
      boolean conflict,
      String agreement,
      long latencyMs,
      String sentence,
      List<ConflictView> conflicts) {
    static CheckAnswerView of(PartnerCheckAnswer a) {
      return of(
          a.getStatus(),
          a.getPartnerAgency(),
          a.getAgreementId(),
          a.getLatencyMs(),
          () ->
              a.getAnswer().hasRefusal()
                  ? Sentences.refusal(a.getAnswer().getRefusal(), a.getAgreementId())
                  : Sentences.because(a.getReason(), a.getMessage()),
          a.getAnswer().getConflictsList().stream().map(ConflictView::of).toList());
    }

    static CheckAnswerView of(EventCheckAnswer a) {
      return of(
          a.getStatus(),
          a.getPartnerAgency(),
          a.getAgreementId(),
          a.getLatencyMs(),
          () -> Sentences.because(a.getReason(), a.getMessage()),
          a.getConflictsList().stream().map(ConflictView::of).toList());
    }

    /**
     * A partner's line, for a target check or a planned operation alike: a MATCH is a conflict and
     * needs no sentence; any other status is shown with {@code why} (NO_MATCH as NO_CONFLICT).
     */
    static CheckAnswerView of(
        PartnerAnswer.Status status,
        String partner,
        String agreement,
        long latencyMs,
        Supplier<String> why,
        List<ConflictView> conflicts) {
      boolean conflict = status == PartnerAnswer.Status.MATCH;
      String label =
          conflict
              ? "CONFLICT"
              : status == PartnerAnswer.Status.NO_MATCH ? "NO_CONFLICT" : status.name();
      return new CheckAnswerView(
          partner, label, conflict, agreement, latencyMs, conflict ? "" : why.get(), conflicts);
    }
  }

  public record AlertView(
      String id,
      boolean officerSafety,
      String kind,
      String caseReference,
      String partner,
      String partnerCase,
      String contact,
      String createdAt,
      String message) {
    static AlertView of(Alert a) {
      return new AlertView(
          a.getId(),
          a.getKind() == MatchKind.EVENT,
          a.getKind().name(),
          a.getCaseReference(),
          a.getPartnerAgency(),
          a.getPartnerCaseReference(),
          Sentences.contact(a.getPartnerContact()),
          a.getCreatedAt(),
          a.getMessage());
    }
  }
}
