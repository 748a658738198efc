package org.liaison.node.records;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.jboss.logging.Logger;
import org.liaison.node.identifiers.InvalidIdentifierException;
import org.liaison.node.identifiers.PersonKeys;

/**
 * Recomputes the stored keys of every person's name when {@link PersonKeys#VERSION} is newer than
 * the version the database records, before anything (queries, filters for partners) reads them.
 * Runs in batches, each its own transaction; an interrupted refresh starts again at the next start.
 */
@ApplicationScoped
public class PersonKeyRefresh {
  private static final Logger LOG = Logger.getLogger(PersonKeyRefresh.class);
  private static final int BATCH = 1000;

  @Inject EntityManager em;

  void start(@Observes @Priority(1) StartupEvent event) {
    int stored =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ((Number)
                            em.createNativeQuery(
                                    "select version from person_key_version where id = 1")
                                .getSingleResult())
                        .intValue());
    if (stored >= PersonKeys.VERSION) {
      return;
    }
    long after = 0;
    long refreshed = 0;
    while (true) {
      long from = after;
      List<Object[]> batch = QuarkusTransaction.requiringNew().call(() -> refreshBatch(from));
      if (batch.isEmpty()) {
        break;
      }
      refreshed += batch.size();
      after = ((Number) batch.get(batch.size() - 1)[0]).longValue();
    }
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery("update person_key_version set version = ? where id = 1")
                    .setParameter(1, PersonKeys.VERSION)
                    .executeUpdate());
    LOG.infof(
        "person name keys recomputed for %d persons (version %d to %d)",
        refreshed, stored, PersonKeys.VERSION);
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> refreshBatch(long after) {
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, display_name, date_of_birth from subjects where kind = 'PERSON' and id > ?"
                    + " order by id")
            .setParameter(1, after)
            .setMaxResults(BATCH)
            .getResultList();
    for (Object[] row : rows) {
      long id = ((Number) row[0]).longValue();
      em.createNativeQuery("delete from subject_name_keys where subject_id = ?")
          .setParameter(1, id)
          .executeUpdate();
      try {
        for (String key : PersonKeys.of((String) row[1])) {
          // the date beside the key: lookups by name and date read that index (V85)
          em.createNativeQuery(
                  "insert into subject_name_keys (subject_id, name_key, date_of_birth)"
                      + " values (?, ?, ?)")
              .setParameter(1, id)
              .setParameter(2, key)
              .setParameter(3, row[2])
              .executeUpdate();
        }
      } catch (InvalidIdentifierException e) {
        // stored before names were checked: no keys, found by date of birth only
        LOG.warnf("person %d has a name without letters; it has no name keys", id);
      }
    }
    return rows;
  }
}
