package org.liaison.node.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.LongSupplier;
import org.liaison.node.runtime.Activity;

/**
 * Whether partners' lookups are being answered (queries, and every de-confliction request: filters,
 * blind evaluations, claims): from the start of an answer until {@link #QUIET_MS} after the last
 * one ended. The store's housekeeping holds its compaction rounds back while they are: a round
 * holds H2's store lock for its whole rewrite, and every answer's audit commit waits behind it
 * (decision 0076).
 */
@ApplicationScoped
public class LookupActivity {
  /** How long after the last answer lookups count as still going on (the next one is near). */
  public static final long QUIET_MS = 1_000;

  private final Activity answers;

  public LookupActivity() {
    this(System::currentTimeMillis);
  }

  /** Lookups timed by {@code clockMs} (milliseconds), for tests. */
  public LookupActivity(LongSupplier clockMs) {
    this.answers = new Activity(QUIET_MS, clockMs);
  }

  /** Marks an answer under way; close it when the answer is computed. */
  public Activity.Piece answering() {
    return answers.started();
  }

  /** True while an answer is computed or the last one ended less than {@link #QUIET_MS} ago. */
  public boolean busy() {
    return answers.busy();
  }
}
