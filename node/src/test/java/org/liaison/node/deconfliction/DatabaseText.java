package org.liaison.node.deconfliction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/** Reads every column of every table of the node's database as text, to look for leaks. */
@ApplicationScoped
public class DatabaseText {
  @Inject EntityManager em;

  /** "table.column" of every cell whose text contains {@code needle}. */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<String> containing(String needle) {
    List<String> hits = new ArrayList<>();
    List<String> tables =
        em.createNativeQuery(
                "select table_name from information_schema.tables where table_schema = 'PUBLIC'")
            .getResultList();
    for (String table : tables) {
      List<String> columns =
          em.createNativeQuery(
                  "select column_name from information_schema.columns where table_schema = 'PUBLIC'"
                      + " and table_name = ?")
              .setParameter(1, table)
              .getResultList();
      for (String column : columns) {
        Number n =
            (Number)
                em.createNativeQuery(
                        "select count(*) from \""
                            + table
                            + "\" where cast(\""
                            + column
                            + "\" as varchar) like ?")
                    .setParameter(1, "%" + needle + "%")
                    .getSingleResult();
        if (n.longValue() > 0) {
          hits.add(table + "." + column);
        }
      }
    }
    return hits;
  }
}
