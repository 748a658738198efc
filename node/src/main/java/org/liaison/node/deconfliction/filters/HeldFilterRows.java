package org.liaison.node.deconfliction.filters;

import com.google.protobuf.ByteString;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.liaison.wire.crypto.Sha256;
import org.liaison.wire.v1.MatchKind;

/**
 * The PRF values one held filter publishes, on disk (table {@code held_filter_rows}, decisions
 * 0045, 0051, 0068 and 0074): one row per input and reference holding it (a case number, or an
 * operation id, each named by its id in {@link HeldFilterRefs}), the input named by its {@link
 * #keyOf key} (8 bytes of its SHA-256, not its text), under the filter's small integer id, which
 * {@code held_filters} gives the filter's partner, agreement, kind, key epoch and public key. A PRF
 * value is stored as its first {@link #HEAD} bytes, which a claim's lookup seeks in an index, and
 * the rest, compared after. Plain JDBC with the same SQL on H2 and PostgreSQL; each write is its
 * own transaction (or joins the caller's, if it has one).
 */
final class HeldFilterRows {
  /** Rows read or written at a time. */
  static final int PAGE = 5_000;

  /** The bytes of a PRF value in the index a claim is looked up through. */
  static final int HEAD = 8;

  /** The id of a filter named under another epoch: it has no rows, and none can be written. */
  private static final int ANOTHER_EPOCH = -1;

  /** The bytes of an input's key. */
  static final int KEY = 8;

  /**
   * A row: the key of an input, a reference holding it and the input's PRF value. The key names the
   * input only next to the same reference's current inputs (decision 0074): a PRF value is never
   * taken from a row of another reference, and whether a PRF value is still held is asked by the
   * value itself ({@link #held}).
   */
  record Row(ByteString key, String ref, ByteString prf) {
    static Row of(ByteString input, String ref, ByteString prf) {
      return new Row(keyOf(input), ref, prf);
    }
  }

  /** The key a row names its input by: the first {@link #KEY} bytes of its SHA-256. */
  static ByteString keyOf(ByteString input) {
    return ByteString.copyFrom(Sha256.digest(input.toByteArray()), 0, KEY);
  }

  /**
   * The reference of the row of an input that nothing refers to (it is in the filter all the same).
   */
  static final String NO_REF = "";

  static Set<String> refsOrNone(Set<String> refs) {
    return refs.isEmpty() ? Set.of(NO_REF) : refs;
  }

  /** Which filter: the partner it is published to, under which agreement, of which kind. */
  record Filter(String partner, String agreementId, MatchKind kind) {}

  private static final String THIS_FILTER = " h.filter_id = ?";

  private static final String ROW =
      "select h.input_key, r.ref, h.prf_head, h.prf_tail from held_filter_rows h"
          + " join held_filter_refs r on r.id = h.ref_id";

  // the order of the primary key, so that a page is read from it in order
  private static final String IN_KEY_ORDER = " order by h.filter_id, h.input_key, h.ref_id";

  private final DataSource db;
  final Filter filter;
  final long epoch;

  /** The filter's id, as of this object's making or its {@link #claim}. */
  private int id;

  /**
   * The rows of the filter as it is named in this epoch; a filter not named yet is named without a
   * key (a {@link #claim} with its key then starts it clean); one named under another epoch has no
   * rows here until claimed.
   */
  HeldFilterRows(DataSource db, Filter filter, long epoch) {
    this.db = db;
    this.filter = filter;
    this.epoch = epoch;
    int[] found = {ANOTHER_EPOCH};
    write(
        c -> {
          Named named = named(c);
          if (named == null) {
            found[0] = insertName(c, new byte[0]);
          } else if (named.epoch() == epoch) {
            found[0] = named.id();
          }
        });
    this.id = found[0];
  }

  /** The filters named in the table (held before a restart, perhaps). */
  static List<Filter> named(DataSource db) {
    return read(
        db,
        "select partner_agency, agreement_id, match_kind from held_filters",
        s -> {},
        r -> new Filter(r.getString(1), r.getString(2), MatchKind.valueOf(r.getString(3))));
  }

  /**
   * Names this filter with the epoch and public key its rows are computed under. Rows computed
   * under another key (another epoch, or a new seed in the same epoch) are deleted: a new key
   * starts clean. The rows of the same key stay, to be read instead of evaluated again.
   */
  void claim(byte[] publicKey) {
    write(
        c -> {
          Named named = named(c);
          if (named != null
              && named.epoch() == epoch
              && java.util.Arrays.equals(named.publicKey(), publicKey)) {
            id = named.id();
            return;
          }
          if (named != null) {
            update(c, "delete from held_filter_rows where filter_id = ?", named.id());
            update(c, "delete from held_filters where id = ?", named.id());
          }
          id = insertName(c, publicKey);
        });
  }

  private record Named(int id, long epoch, byte[] publicKey) {}

  private Named named(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, epoch, public_key from held_filters where partner_agency = ?"
                + " and agreement_id = ? and match_kind = ?")) {
      bindName(s);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? new Named(r.getInt(1), r.getLong(2), r.getBytes(3)) : null;
      }
    }
  }

  private int insertName(Connection c, byte[] publicKey) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into held_filters (partner_agency, agreement_id, match_kind, epoch,"
                + " public_key) values (?, ?, ?, ?, ?)")) {
      bindName(s);
      s.setLong(4, epoch);
      s.setBytes(5, publicKey);
      s.executeUpdate();
    }
    return named(c).id();
  }

  private static void update(Connection c, String sql, int filterId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setInt(1, filterId);
      s.executeUpdate();
    }
  }

  /**
   * Every row of this filter, a page at a time, in the order of input key then reference; the rows
   * of one key are never split across two pages.
   */
  void forEachPage(Consumer<List<Row>> pages) {
    ByteString after = null;
    while (true) {
      List<Row> page = rowsAfter(after);
      if (page.isEmpty()) {
        return;
      }
      boolean full = page.size() == PAGE;
      ByteString last = page.get(page.size() - 1).key();
      if (full) {
        // the last key's rows may go on in the next page: they are read again from there
        while (!page.isEmpty() && page.get(page.size() - 1).key().equals(last)) {
          page.remove(page.size() - 1);
        }
        if (page.isEmpty()) {
          page = rowsOf(last); // one key in more rows than a page
        } else {
          last = page.get(page.size() - 1).key();
        }
      }
      pages.accept(page);
      if (!full) {
        return;
      }
      after = last;
    }
  }

  private List<Row> rowsAfter(ByteString after) {
    return read(
        db,
        ROW
            + " where"
            + THIS_FILTER
            + (after == null ? "" : " and h.input_key > ?")
            + IN_KEY_ORDER
            + " fetch first "
            + PAGE
            + " rows only",
        s -> {
          bindFilter(s);
          if (after != null) {
            s.setBytes(2, after.toByteArray());
          }
        },
        HeldFilterRows::row);
  }

  private List<Row> rowsOf(ByteString key) {
    return read(
        db,
        ROW + " where" + THIS_FILTER + " and h.input_key = ?",
        s -> {
          bindFilter(s);
          s.setBytes(2, key.toByteArray());
        },
        HeldFilterRows::row);
  }

  /** How many rows the filter has (at least the number of its inputs). */
  long count() {
    return read(
            db,
            "select count(*) from held_filter_rows h where" + THIS_FILTER,
            this::bindFilter,
            r -> r.getLong(1))
        .get(0);
  }

  /**
   * Every row of these references (case numbers, say): one seek of the index on the reference each
   * (H2 scans the whole filter for an IN list after the index's leading equalities).
   */
  List<Row> rowsOfRefs(Collection<String> refs) {
    return readEach(
        ROW + " where" + THIS_FILTER + " and r.ref = ?",
        refs,
        (s, ref) -> s.setString(2, ref),
        HeldFilterRows::row);
  }

  /**
   * Which of these PRF values a row of this filter holds (under any reference): one seek of the
   * index on the head each, the tail compared.
   */
  Set<ByteString> held(Collection<ByteString> prfs) {
    return new HashSet<>(
        readEach(
            "select h.prf_head, h.prf_tail from held_filter_rows h where"
                + THIS_FILTER
                + " and h.prf_head = ? and h.prf_tail = ? fetch first 1 rows only",
            prfs,
            (s, prf) -> {
              s.setBytes(2, head(prf));
              s.setBytes(3, tail(prf));
            },
            r -> ByteString.copyFrom(r.getBytes(1)).concat(ByteString.copyFrom(r.getBytes(2)))));
  }

  private interface ValueBinder<V> {
    void bind(PreparedStatement s, V value) throws SQLException;
  }

  /** The rows {@code sql} reads for each value, on one connection and statement. */
  private <V, T> List<T> readEach(
      String sql, Collection<V> values, ValueBinder<V> binder, Reader<T> reader) {
    List<T> out = new ArrayList<>();
    if (values.isEmpty()) {
      return out;
    }
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      bindFilter(s);
      for (V value : values) {
        binder.bind(s, value);
        readRows(s, reader, out);
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read held filter values: " + e.getMessage(), e);
    }
  }

  /**
   * The next {@code n} distinct references of the filter's rows after {@code after}, in order (""
   * starts): the numbered references in order, each kept if one seek of the index on the reference
   * finds a row of this filter, so a page costs its references, not the rows after them.
   */
  List<String> refsAfter(String after, int n) {
    return read(
        db,
        "select r.ref from held_filter_refs r where exists (select 1 from held_filter_rows h"
            + " where"
            + THIS_FILTER
            + " and h.ref_id = r.id) and r.ref > ? order by r.ref fetch first "
            + n
            + " rows only",
        s -> {
          bindFilter(s);
          s.setString(2, after);
        },
        r -> r.getString(1));
  }

  /**
   * The references behind a PRF value of this filter, or an empty set: the rows whose head is the
   * value's (one seek of the index) and whose tail is the rest of it.
   */
  Set<String> refsFor(ByteString prf) {
    Set<String> refs =
        new TreeSet<>(
            read(
                db,
                "select r.ref from held_filter_rows h join held_filter_refs r on r.id = h.ref_id"
                    + " where"
                    + THIS_FILTER
                    + " and h.prf_head = ? and h.prf_tail = ?",
                s -> {
                  bindFilter(s);
                  s.setBytes(2, head(prf));
                  s.setBytes(3, tail(prf));
                },
                r -> r.getString(1)));
    refs.remove(NO_REF);
    return refs;
  }

  void insert(List<Row> rows) {
    Map<String, Integer> refIds = new HashMap<>();
    batch(
        "insert into held_filter_rows (filter_id, input_key, ref_id, prf_head, prf_tail)"
            + " values (?, ?, ?, ?, ?)",
        rows,
        chunk -> {
          refIds.clear();
          refIds.putAll(HeldFilterRefs.numbered(db, chunk.stream().map(Row::ref).toList()));
        },
        (s, r) -> {
          s.setBytes(2, r.key().toByteArray());
          s.setInt(3, refIds.get(r.ref()));
          s.setBytes(4, head(r.prf()));
          s.setBytes(5, tail(r.prf()));
        });
  }

  void delete(List<Row> rows) {
    batch(
        "delete from held_filter_rows where filter_id = ? and input_key = ?"
            + " and ref_id = (select id from held_filter_refs where ref = ?)",
        rows,
        chunk -> {},
        (s, r) -> {
          s.setBytes(2, r.key().toByteArray());
          s.setString(3, r.ref());
        });
  }

  private void batch(String sql, List<Row> rows, ChunkWork before, RowBinder binder) {
    for (int from = 0; from < rows.size(); from += PAGE) {
      List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + PAGE));
      try {
        before.run(chunk);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot write held filter values: " + e.getMessage(), e);
      }
      write(
          c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
              for (Row r : chunk) {
                bindFilter(s);
                binder.bind(s, r);
                s.addBatch();
              }
              s.executeBatch();
            }
          });
    }
  }

  private void bindFilter(PreparedStatement s) throws SQLException {
    s.setInt(1, id);
  }

  private void bindName(PreparedStatement s) throws SQLException {
    s.setString(1, filter.partner());
    s.setString(2, filter.agreementId());
    s.setString(3, filter.kind().name());
  }

  private static Row row(ResultSet r) throws SQLException {
    return new Row(
        ByteString.copyFrom(r.getBytes(1)),
        r.getString(2),
        ByteString.copyFrom(r.getBytes(3)).concat(ByteString.copyFrom(r.getBytes(4))));
  }

  private static byte[] head(ByteString prf) {
    return prf.substring(0, Math.min(HEAD, prf.size())).toByteArray();
  }

  private static byte[] tail(ByteString prf) {
    return prf.substring(Math.min(HEAD, prf.size())).toByteArray();
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private interface RowBinder {
    void bind(PreparedStatement s, Row r) throws SQLException;
  }

  private interface ChunkWork {
    void run(List<Row> chunk) throws SQLException;
  }

  private interface Reader<T> {
    T read(ResultSet r) throws SQLException;
  }

  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private static <T> List<T> read(DataSource db, String sql, Binder binder, Reader<T> reader) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      List<T> out = new ArrayList<>();
      readRows(s, reader, out);
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read held filter values: " + e.getMessage(), e);
    }
  }

  private static <T> void readRows(PreparedStatement s, Reader<T> reader, List<T> out)
      throws SQLException {
    try (ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(reader.read(r));
      }
    }
  }

  private void write(Work work) {
    try (Connection c = db.getConnection()) {
      boolean local = c.getAutoCommit();
      if (local) {
        c.setAutoCommit(false);
      }
      try {
        work.run(c);
        if (local) {
          c.commit();
        }
      } catch (SQLException | RuntimeException e) {
        if (local) {
          c.rollback();
        }
        throw e;
      } finally {
        if (local) {
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write held filter values: " + e.getMessage(), e);
    }
  }
}
