package org.liaison.node.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import org.liaison.node.federation.InboundRequest;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.Disclosure;
import org.liaison.wire.v1.FilterAnswer;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.QueryAnswer;
import org.liaison.wire.v1.QueryRequest;
import org.liaison.wire.v1.TargetCheckAnswer;
import org.liaison.wire.v1.TargetCheckRequest;
import org.liaison.wire.v1.TargetConflict;
import org.liaison.wire.v1.Withheld;
import org.liaison.wire.v1.WorkflowAck;

/**
 * The entry for an answer to a partner: refusal, conflict or disclosure, and the data concerned.
 * The probe is kept (salted) only when it matched; a no-hit keeps the identifier type alone.
 */
public final class InboundAudit {
  private InboundAudit() {}

  public static AuditEvent of(
      InboundRequest r, byte[] requestHash, Message answer, String outcome, String reason) {
    AuditEvent.Builder b =
        r.auditEntry(kind(answer, outcome))
            .outcome(outcome)
            .reason(reason)
            .requestHash(requestHash)
            .detail(decisions(answer));
    data(r, answer).forEach(b::datum);
    return b.build();
  }

  /**
   * The policy decision per record: what was disclosed at which tier, what was withheld and why.
   */
  private static String decisions(Message answer) {
    if (answer instanceof QueryAnswer a) {
      List<String> parts = new ArrayList<>();
      for (Disclosure d : a.getDisclosuresList()) {
        parts.add("disclosed " + d.getRecordId() + " at " + d.getTier());
      }
      for (Withheld w : a.getWithheldList()) {
        parts.add("withheld " + w.getRecordId() + ": " + w.getReason());
      }
      if (a.hasRefusal()) {
        parts.add("refused: " + a.getRefusal().getMessage());
      }
      return String.join("; ", parts);
    }
    if (answer instanceof FilterAnswer f && !f.hasRefusal()) {
      // what a partner's filter refresh cost: a whole filter (or part of one) or deltas
      return f.getFullFilter().isEmpty()
          ? f.getDeltasCount() + " deltas to generation " + f.getGeneration()
          : "full filter"
              + (f.getParts() > 1 ? " part " + (f.getPart() + 1) + " of " + f.getParts() : "")
              + " at generation "
              + f.getGeneration()
              + " ("
              + f.getFullFilter().size()
              + " bytes)";
    }
    if (answer instanceof TargetCheckAnswer t && t.hasRefusal()) {
      return "refused: " + t.getRefusal().getMessage();
    }
    if (answer instanceof WorkflowAck w && w.hasRefusal()) {
      return "refused: " + w.getRefusal().getMessage();
    }
    return null;
  }

  private static AuditKind kind(Message answer, String outcome) {
    if ("REFUSED".equals(outcome)) {
      return AuditKind.REFUSAL;
    }
    if ("CONFLICT".equals(outcome)) {
      return AuditKind.CONFLICT;
    }
    return AuditKind.DISCLOSURE;
  }

  private static List<AuditEvent.Datum> data(InboundRequest r, Message answer) {
    try {
      if (answer instanceof QueryAnswer a) {
        QueryRequest q = QueryRequest.parseFrom(r.payload());
        List<String> ids = new ArrayList<>();
        a.getDisclosuresList().stream().map(Disclosure::getRecordId).forEach(ids::add);
        a.getWithheldList().stream().map(Withheld::getRecordId).forEach(ids::add);
        boolean matched = a.getOutcome() == QueryAnswer.Outcome.MATCH;
        return List.of(probe(q, matched, ids));
      }
      if (answer instanceof TargetCheckAnswer a) {
        Identifier id = TargetCheckRequest.parseFrom(r.payload()).getIdentifier();
        if (!a.getConflict()) {
          return List.of(AuditEvent.Datum.probe(id.getType().name()));
        }
        List<String> cases =
            a.getConflictsList().stream().map(TargetConflict::getCaseReference).toList();
        return List.of(AuditEvent.Datum.matched(id.getType().name(), id.getValue(), cases));
      }
    } catch (InvalidProtocolBufferException e) {
      // the handler parsed it already; nothing more to say about the data
    }
    return List.of();
  }

  private static AuditEvent.Datum probe(QueryRequest q, boolean matched, List<String> ids) {
    String type = q.hasPerson() ? "PERSON" : q.getIdentifier().getType().name();
    if (!matched) {
      return AuditEvent.Datum.probe(type);
    }
    String value =
        q.hasPerson()
            ? q.getPerson().getName() + "|" + q.getPerson().getDateOfBirth()
            : q.getIdentifier().getValue();
    return AuditEvent.Datum.matched(type, value, ids);
  }
}
