package org.liaison.node.records;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.liaison.node.records.ImportService.Parsed;
import org.liaison.node.store.StoreDurability;

/**
 * Imports consecutive lines as one batch in one transaction: lines are parsed and validated in
 * memory, runs of subject and record lines are resolved with set queries and written with JDBC
 * batches ({@link BatchRows}), and case and operation lines go through their importers in the same
 * transaction. One {@link RecordsChanged} is fired per kind, case and run, so a batch queues one
 * check per case, not one per line.
 *
 * <p>A line that fails in a way only its own transaction can pinpoint (a database constraint, a
 * case or operation line that is rejected, the same id stored meanwhile by another importer) rolls
 * the batch back, and the batch is imported again line by line ({@link ImportService#importLine}):
 * the promises of the line-by-line import (a line stored whole or not at all, idempotent ids) hold
 * either way.
 */
@ApplicationScoped
public class BatchImport {
  private static final Logger LOG = Logger.getLogger(BatchImport.class);

  /** Lines per batch the node accepts; a larger batch is refused. */
  public static final int MAX_LINES = 10_000;

  /** One line of the batch: its number in its source and its text. */
  public record Item(long line, String json) {}

  /**
   * The outcome: every line of the batch is accepted or listed as rejected.
   *
   * @param lineByLine true when the batch had to be imported line by line
   */
  public record Outcome(int accepted, List<ImportResult> rejected, boolean lineByLine) {}

  @Inject ImportService lines;
  @Inject EntityManager em;
  @Inject Event<RecordsChanged> changes;
  @Inject ImportActivity activity;
  @Inject StoreDurability durability;

  public Outcome importBatch(List<Item> items) {
    if (items.isEmpty()) {
      return new Outcome(0, List.of(), false);
    }
    activity.batchStarted();
    try {
      Outcome outcome = storeBatch(items);
      durability.flushCommitted(); // acknowledged only once on the disk
      return outcome;
    } finally {
      activity.batchEnded();
    }
  }

  private Outcome storeBatch(List<Item> items) {
    try {
      return QuarkusTransaction.requiringNew().call(() -> inOneTransaction(items));
    } catch (RuntimeException e) {
      LOG.debugf("batch from line %d: line by line after %s", items.get(0).line(), e.toString());
      return lineByLine(items);
    }
  }

  private Outcome lineByLine(List<Item> items) {
    int accepted = 0;
    List<ImportResult> rejected = new ArrayList<>();
    for (Item item : items) {
      ImportResult r = lines.importLine(item.line(), item.json());
      if (r.accepted()) {
        accepted++;
      } else {
        rejected.add(r);
      }
    }
    return new Outcome(accepted, rejected, true);
  }

  /** Thrown to roll the batch back so that it is imported line by line. */
  private static final class LineByLine extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LineByLine(String why) {
      super(why, null, false, false);
    }
  }

  private Outcome inOneTransaction(List<Item> items) {
    BatchRows rows = new BatchRows(changes);
    int accepted = 0;
    List<ImportResult> rejected = new ArrayList<>();
    List<Parsed> run = new ArrayList<>();
    for (Item item : items) {
      Parsed p = lines.parse(item.line(), item.json());
      if (p.rejected() != null) {
        rejected.add(p.rejected());
        continue;
      }
      if (BatchRows.takes(p)) {
        run.add(p);
        continue;
      }
      accepted += write(rows, run, rejected);
      run.clear();
      try {
        LineImporter.Stored s = p.importer().importLine(p.item(), em);
        changes.fire(new RecordsChanged(p.importer().kind(), s.id(), p.caseNumber()));
        forgetStoredEntities();
        accepted++;
      } catch (ImportRejection r) {
        // a case or operation line may have stored part of itself before its rejection
        throw new LineByLine("line " + p.number() + ": " + r.getMessage());
      }
    }
    accepted += write(rows, run, rejected);
    rejected.sort(java.util.Comparator.comparingLong(ImportResult::line));
    return new Outcome(accepted, rejected, false);
  }

  /**
   * Writes what the line stored and empties the persistence context. Every lookup of the next line
   * (its case) flushes first, and a flush compares every entity the context holds with its
   * snapshot: kept for the whole batch, that made each line cost in proportion to the lines before
   * it (54 % of the import's CPU with a generated agency's batches of 1,000).
   */
  private void forgetStoredEntities() {
    em.flush();
    em.clear();
  }

  /**
   * Stores a run of subject and record lines; returns how many were accepted, adding the rejected.
   */
  private int write(BatchRows rows, List<Parsed> run, List<ImportResult> rejected) {
    if (run.isEmpty()) {
      return 0;
    }
    em.flush();
    return em.unwrap(Session.class).doReturningWork(c -> rows.write(c, run, rejected));
  }
}
