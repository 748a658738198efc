package org.liaison.node.records;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link RecordsChanged} events that committed for cases whose number starts with "T-EV-" (the
 * tests that watch events use such cases; other tests' changes are not kept).
 */
@ApplicationScoped
public class RecordsChangedLog {
  private final List<RecordsChanged> committed = new CopyOnWriteArrayList<>();

  void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) RecordsChanged change) {
    if (change.caseNumber() != null && change.caseNumber().startsWith("T-EV-")) {
      committed.add(change);
    }
  }

  /** The committed changes of cases whose number starts with {@code prefix}, in order. */
  public List<RecordsChanged> of(String prefix) {
    return committed.stream().filter(c -> c.caseNumber().startsWith(prefix)).toList();
  }
}
