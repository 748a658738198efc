package org.liaison.node.records;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.liaison.node.records.ImportService.Parsed;
import org.liaison.node.runtime.Activity;
import org.liaison.node.store.StoreDurability;

/**
 * Imports consecutive lines as one batch in one transaction: lines are parsed and validated in
 * memory, what they name is resolved with set queries, and their rows are written with JDBC batches
 * ({@link BatchRows}). A rejected line is reported with its number and reason and leaves nothing of
 * itself; the rest of the batch is stored. {@link RecordsChanged} is fired per case and kind (per
 * operation for operations), so a batch queues one check per case, not one per line.
 *
 * <p>A failure only the database can see (a constraint, a too long value, the same id stored
 * meanwhile by another importer) rolls the batch back, and the batch is imported again line by line
 * ({@link ImportService#importLine}): the promises of the line-by-line import (a line stored whole
 * or not at all, idempotent ids) hold either way.
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
    try (Activity.Piece batch = activity.batch()) {
      Outcome outcome = storeBatch(items);
      durability.flushCommitted(); // acknowledged only once on the disk
      return outcome;
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

  private Outcome inOneTransaction(List<Item> items) {
    List<ImportResult> rejected = new ArrayList<>();
    List<Parsed> parsed = new ArrayList<>(items.size());
    for (Item item : items) {
      Parsed p = lines.parse(item.line(), item.json());
      if (p.rejected() != null) {
        rejected.add(p.rejected());
      } else {
        parsed.add(p);
      }
    }
    BatchRows rows = new BatchRows(changes);
    int accepted = em.unwrap(Session.class).doReturningWork(c -> rows.write(c, parsed, rejected));
    rejected.sort(Comparator.comparingLong(ImportResult::line));
    return new Outcome(accepted, rejected, false);
  }
}
