package org.liaison.node.audit;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.store.PlainTransaction;
import org.liaison.wire.journal.GroupForcedFile;
import org.liaison.wire.journal.IntentFile;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.Reason;

/**
 * The requests this node sent whose {@code SENT} entry waits for their answer's, so that both
 * commit in one audit batch (decision 0055). Before such a request leaves, its entry is written to
 * an append-only file and forced to the disk ({@link GroupForcedFile}: concurrent requests share
 * one fsync; no database page, no signature): a request leaves only once it is durably recorded. At
 * the answer (or the failure, or the deadline) {@link #commit} appends the {@code SENT} entry and
 * the answer's in one batch, then marks the intent settled. At start, every intent the previous run
 * left unsettled and whose entry is not in the log enters the log as {@code SENT} with the reason
 * {@link Reason#NO_ANSWER_RECORDED}. The file is rewritten with only the unsettled intents once it
 * holds twice as many lines as those (and at least {@value #MIN_COMPACT}), so it stays bounded.
 *
 * <p>The file's lines are {@link IntentFile}'s. A settled line is not forced: if a crash loses it,
 * the start finds the entry's message id in the log and does not append it twice. An intent's entry
 * holds, as its index, the log's size when the intent was recorded: its {@code SENT} entry, if it
 * was committed, has an index at least that large, so a start reads only the log's entries from the
 * oldest unsettled intent's on, by the primary key (the log has no index by message id: decision
 * 0073). Lines written before that hold 0: the start then reads the whole log once.
 */
@ApplicationScoped
public class IntentJournal {
  private static final Logger LOG = Logger.getLogger(IntentJournal.class);
  static final int MIN_COMPACT = 1_000;

  /**
   * A request's {@code SENT} entry, durable as an intent until {@link #commit} puts it in the log.
   */
  public record Intent(AuditEvent sent) {}

  @Inject NodeConfig config;
  @Inject AuditLog audit;
  @Inject PlainTransaction transaction;

  private final Object lock = new Object();
  private final Map<String, byte[]> unsettled = new LinkedHashMap<>();
  private final List<AuditEvent> leftOver = new ArrayList<>();
  private long leftOverFrom = Long.MAX_VALUE;
  private GroupForcedFile file;
  private int lines;
  private boolean broken;

  @PostConstruct
  void open() {
    Path path = config.dataDir().resolve(IntentFile.NAME);
    try {
      for (IntentFile.Line line : IntentFile.unsettled(path)) {
        try {
          leftOver.add(unanswered(line.entry()));
          leftOverFrom = Math.min(leftOverFrom, line.entry().getIndex());
          unsettled.put(line.messageId(), line.bytes());
        } catch (IllegalArgumentException unreadable) {
          LOG.warnf(
              "the intent of message %s in %s cannot be read; dropped", line.messageId(), path);
        }
      }
      file = GroupForcedFile.open(path, text());
      lines = unsettled.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the intent journal " + path, e);
    }
  }

  /**
   * Puts what the previous run left unsettled in the log: after every other start-up step, before
   * anything is served (the intents this run records are not among them).
   */
  void start(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event) {
    recoverLeftOver();
  }

  /** Appends the previous run's unsettled intents not yet in the log; returns how many. */
  int recoverLeftOver() {
    List<AuditEvent> left;
    long from;
    synchronized (lock) {
      left = List.copyOf(leftOver);
      from = leftOverFrom;
    }
    if (left.isEmpty()) {
      return 0;
    }
    Set<String> inLog = inLog(left, from);
    List<AuditEvent> missing = new ArrayList<>();
    for (AuditEvent sent : left) {
      if (!inLog.contains(sent.messageId())) {
        missing.add(sent);
      }
    }
    try {
      audit.appendAll(missing);
    } catch (RuntimeException e) {
      LOG.warnf(
          "%d requests sent before the last stop are not in the audit log yet (%s); the next start"
              + " tries again",
          missing.size(), e.getMessage());
      return 0;
    }
    synchronized (lock) {
      leftOver.clear();
      leftOverFrom = Long.MAX_VALUE;
    }
    left.forEach(sent -> settle(sent.messageId()));
    if (!missing.isEmpty()) {
      LOG.infof(
          "%d requests sent before the last stop had no answer on record: now in the audit log",
          missing.size());
    }
    return missing.size();
  }

  /**
   * Records {@code sent} durably before its request leaves; throws {@link AuditUnavailable} (and
   * the request must not leave) when the file cannot be written or forced.
   */
  public Intent record(AuditEvent sent) {
    AuditEntry intent = AuditLog.facts(sent).setIndex(audit.committedSize()).build();
    byte[] line = IntentFile.intent(sent.messageId(), intent).bytes();
    long seq;
    synchronized (lock) {
      try {
        if (broken) {
          file.rewrite(text());
          lines = unsettled.size();
          broken = false;
        }
        unsettled.put(sent.messageId(), line);
        seq = file.append(line);
        lines++;
      } catch (IOException e) {
        unsettled.remove(sent.messageId());
        broken = true;
        throw new AuditUnavailable("cannot write the intent journal: " + e.getMessage(), e);
      }
    }
    try {
      file.awaitDurable(seq);
    } catch (IOException e) {
      synchronized (lock) {
        unsettled.remove(sent.messageId());
        broken = true;
      }
      throw new AuditUnavailable("cannot force the intent journal: " + e.getMessage(), e);
    }
    return new Intent(sent);
  }

  /**
   * Commits the request's {@code SENT} entry and {@code answer} in one audit batch (or throws, and
   * writes neither: the intent stays, for the next start), then settles the intent.
   */
  public List<AuditReceipt> commit(Intent intent, AuditEvent answer) {
    List<AuditReceipt> receipts = audit.appendAll(List.of(intent.sent(), answer));
    settle(intent.sent().messageId());
    return receipts;
  }

  /**
   * Reads the file again as the next start would: what is unsettled now becomes the left over that
   * {@link #recoverLeftOver} puts in the log (tests simulate a stop with it).
   */
  void reopen() {
    synchronized (lock) {
      file.close();
      unsettled.clear();
      leftOver.clear();
      leftOverFrom = Long.MAX_VALUE;
      open();
    }
  }

  /** Intents recorded and not settled yet (tests read it). */
  int unsettled() {
    synchronized (lock) {
      return unsettled.size();
    }
  }

  private void settle(String messageId) {
    synchronized (lock) {
      if (unsettled.remove(messageId) == null) {
        return;
      }
      try {
        if (broken) {
          return; // the next record rewrites the file with the unsettled intents only
        }
        if (lines >= MIN_COMPACT && lines >= 2 * unsettled.size()) {
          file.rewrite(text());
          lines = unsettled.size();
        } else {
          file.append(IntentFile.settled(messageId));
          lines++;
        }
      } catch (IOException e) {
        // the entry is in the log: at worst the next start finds it there and skips it
        broken = true;
        LOG.warnf("cannot write the intent journal %s: %s", file.path(), e.getMessage());
      }
    }
  }

  /** Which of {@code intents} have an entry in the log among the entries from {@code from} on. */
  private Set<String> inLog(List<AuditEvent> intents, long from) {
    Set<String> wanted = new HashSet<>();
    intents.forEach(sent -> wanted.add(sent.messageId()));
    return transaction.call(
        c -> {
          Set<String> found = new HashSet<>();
          try (PreparedStatement ps =
              c.prepareStatement("select message_id from audit_log where idx >= ?")) {
            ps.setFetchSize(1000);
            ps.setLong(1, from);
            try (ResultSet r = ps.executeQuery()) {
              while (r.next() && found.size() < wanted.size()) {
                String id = r.getString(1);
                if (wanted.contains(id)) {
                  found.add(id);
                }
              }
            }
          }
          return found;
        });
  }

  private byte[] text() {
    int size = unsettled.values().stream().mapToInt(b -> b.length).sum();
    byte[] all = new byte[size];
    int at = 0;
    for (byte[] b : unsettled.values()) {
      System.arraycopy(b, 0, all, at, b.length);
      at += b.length;
    }
    return all;
  }

  /**
   * The entry of an intent's request whose answer the previous run never put on record: the
   * intent's {@code SENT} entry with the reason {@link Reason#NO_ANSWER_RECORDED}.
   */
  private static AuditEvent unanswered(AuditEntry e) {
    return AuditEvent.builder(e.getKind())
        .direction(AuditEvent.Direction.valueOf(e.getDirection()))
        .answeringAgency(e.getAnsweringAgency())
        .officer(e.getOfficerId())
        .agreement(e.getAgreementId())
        .purpose(e.getPurpose())
        .caseReference(e.getCaseReference())
        .messageId(e.getMessageId())
        .contentType(e.getContentType())
        .outcome(e.getOutcome())
        .reason(Reason.NO_ANSWER_RECORDED.name())
        .detail(
            "no answer was recorded: this node stopped (or could not write its audit log) before"
                + " the answer or its failure was on its record")
        .requestHash(e.getRequestHash().toByteArray())
        .build();
  }

  @PreDestroy
  void close() {
    if (file != null) {
      file.close();
    }
  }
}
