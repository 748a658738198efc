package org.liaison.node.records;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Batched inserts of case items (subjects, records, operations): the columns every {@link CaseItem}
 * row has, its external id and its case, then the kind's own columns.
 */
final class CaseItemRows {
  /** A validated item to insert under a case (by its number), known by its external id. */
  interface NewItem {
    String externalId();

    String caseNumber();
  }

  private CaseItemRows() {}

  /**
   * Inserts {@code items} into {@code table} as one JDBC batch: parameter 1 is an item's external
   * id, 2 its case's row id, and the kind's own {@code columns} from 3 on are bound by {@code
   * binder}.
   *
   * @param cases every case the items are filed under, by number
   * @return the row id of each item, in order
   */
  static <T extends NewItem> long[] insert(
      Connection c,
      String table,
      List<String> columns,
      List<T> items,
      Map<String, CaseRows.CaseRow> cases,
      Rows.Binder<T> binder)
      throws SQLException {
    return Rows.insertReturningIds(
        c,
        "insert into "
            + table
            + " (external_id, case_id, "
            + String.join(", ", columns)
            + ") values (?, ?, "
            + Rows.marks(columns.size())
            + ")",
        table,
        "external_id",
        items,
        NewItem::externalId,
        (s, item) -> {
          s.setString(1, item.externalId());
          s.setLong(2, cases.get(item.caseNumber()).id());
          binder.bind(s, item);
        });
  }
}
