package org.liaison.node.deconfliction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditLog;
import org.liaison.node.audit.AuditedWrite;
import org.liaison.node.federation.InboundRequest;
import org.liaison.node.federation.RecordedWith;
import org.liaison.node.store.PlainTransaction;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.MatchKind;

/**
 * The one place de-confliction records what happened: probes (counts only), filter hits, claims,
 * confirmed conflicts, alerts and refusals. It never receives an identifier, a token or a PRF
 * value, so none can reach the database or the log through it. Conflicts, alerts, claims and
 * refusals are also entries of the tamper-evident audit log (probe counts only, never values).
 *
 * <p>A journal line and its audit entry commit together, in the audit's batch (decision 0040): one
 * commit, not one for the line and another for the entry. While answering a partner, they ride the
 * answer's own batch ({@link #recordBeforeAnswer}).
 */
@ApplicationScoped
public class DeconflictionJournal {
  private static final Logger LOG = Logger.getLogger(DeconflictionJournal.class);

  @Inject AuditLog audit;
  @Inject PlainTransaction transaction;

  /** Events journaled. */
  public enum Event {
    PROBES_SENT,
    PROBES_ANSWERED,
    FILTER_HITS,
    CLAIM_SENT,
    CLAIM_CONFIRMED,
    CLAIM_UNCONFIRMED,
    CONFLICT,
    ALERT_RECORDED,
    ALERT_ACKNOWLEDGED,
    REFUSED,
    FAILED
  }

  /** One line of the journal. */
  public record Line(
      Event event,
      MatchKind kind,
      String partner,
      String caseReference,
      int elements,
      String detail) {}

  /** Records one line and its audit entry in one commit, or neither (throws). */
  public void record(Line line) {
    recordAll(List.of(line), List.of());
  }

  /**
   * Records the lines, their audit entries and {@code writes} (a partner's quota report) in one
   * commit, or none of them (throws).
   */
  public void recordAll(List<Line> lines, List<AuditedWrite> writes) {
    Staged staged = stageAll(lines, writes);
    if (staged.entries().isEmpty()) {
      transaction.run(c -> AuditedWrite.writeAll(c, staged.writes()));
    } else {
      audit.appendAll(staged.entries(), staged.writes());
    }
    lines.forEach(DeconflictionJournal::log);
  }

  /** The audit entries of lines and the writes that store them, with {@code writes} after. */
  private record Staged(List<AuditEvent> entries, List<AuditedWrite> writes) {}

  private Staged stageAll(List<Line> lines, List<AuditedWrite> writes) {
    List<AuditEvent> entries = new ArrayList<>();
    List<AuditedWrite> all = new ArrayList<>();
    Instant now = Instant.now();
    for (Line l : lines) {
      stage(l, now, entries::add, all::add);
    }
    all.addAll(writes);
    return new Staged(entries, all);
  }

  /**
   * The lines and {@code writes} staged to commit with the entry of a request this node sends, in
   * its audit batch, before it leaves (a claim with its probe round: decision 0048); they are
   * logged once committed. If that batch fails, none of them is written and the request stays here.
   */
  public RecordedWith withRequest(List<Line> lines, List<AuditedWrite> writes) {
    Staged staged = stageAll(lines, writes);
    List<Line> logged = List.copyOf(lines);
    return new RecordedWith(
        staged.entries(), staged.writes(), () -> logged.forEach(DeconflictionJournal::log));
  }

  /**
   * Records a line about a partner's request this node answers: the line and its audit entry commit
   * with the answer's entries, before the answer leaves, or not at all.
   */
  public void recordBeforeAnswer(InboundRequest request, Line line) {
    stage(line, Instant.now(), request::recordBeforeAnswer, request::writeBeforeAnswer);
    log(line);
  }

  /** Hands a line's audit entry (if the audit keeps its event) and its row to their commit. */
  private static void stage(
      Line l, Instant at, Consumer<AuditEvent> entries, Consumer<AuditedWrite> writes) {
    entryOf(l).ifPresent(entries);
    writes.accept(c -> insert(c, l, at));
  }

  private static void insert(Connection c, Line l, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into dc_journal (recorded_at, event_type, kind, partner_agency,"
                + " case_reference, elements, detail) values (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, at.atOffset(ZoneOffset.UTC));
      ps.setString(2, l.event().name());
      ps.setString(3, l.kind() == null ? null : l.kind().name());
      ps.setString(4, l.partner());
      ps.setString(5, l.caseReference());
      ps.setInt(6, l.elements());
      ps.setString(7, l.detail() == null ? null : truncate(l.detail()));
      ps.executeUpdate();
    }
  }

  private static Optional<AuditEvent> entryOf(Line l) {
    AuditKind auditKind = auditKindOf(l.event());
    if (auditKind == null) {
      return Optional.empty();
    }
    return Optional.of(
        AuditEvent.builder(auditKind)
            .answeringAgency(l.partner())
            .purpose(l.kind() == null ? null : l.kind().name() + "_DECONFLICTION")
            .caseReference(l.caseReference())
            .outcome(l.event().name())
            .detail(
                l.elements()
                    + " element(s)"
                    + (l.detail() == null ? "" : "; " + truncate(l.detail())))
            .build());
  }

  private static void log(Line l) {
    LOG.infof(
        "de-confliction %s %s partner=%s case=%s elements=%d%s",
        l.event(),
        l.kind() == null ? "" : l.kind().name(),
        l.partner(),
        l.caseReference() == null ? "-" : l.caseReference(),
        l.elements(),
        l.detail() == null ? "" : " " + l.detail());
  }

  /** Which events the audit keeps: every conflict and its notification, every claim and refusal. */
  private static AuditKind auditKindOf(Event event) {
    return switch (event) {
      case CONFLICT, CLAIM_CONFIRMED, ALERT_RECORDED, ALERT_ACKNOWLEDGED -> AuditKind.CONFLICT;
      case CLAIM_SENT, CLAIM_UNCONFIRMED, PROBES_SENT -> AuditKind.QUERY;
      case PROBES_ANSWERED -> AuditKind.DISCLOSURE;
      case REFUSED -> AuditKind.REFUSAL;
      case FILTER_HITS, FAILED -> null;
    };
  }

  private static String truncate(String s) {
    return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
  }
}
