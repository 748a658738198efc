package org.liaison.node.deconfliction.filters;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.matching.MatchInputs;
import org.liaison.wire.oprf.OprfKeyPair;
import org.liaison.wire.oprf.OprfMode;
import org.liaison.wire.oprf.OprfServer;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.MatchKind;

/** The held filters' rows naming their references by a small id (V170, decision 0068). */
class HeldFilterRefsTest {
  private final OprfServer server =
      new OprfServer(
          OprfKeyPair.derive(OprfMode.VOPRF, new byte[32], "liaison-deconfliction/us.dea/1"),
          OprfMode.VOPRF);
  private final ByteString a = MatchInputs.identifier(IdentifierType.PHONE, "+13055550142");
  private final ByteString b = MatchInputs.identifier(IdentifierType.PHONE, "+13055550143");
  private final ByteString prfA = ByteString.copyFrom(server.evaluate(a.toByteArray()));
  private final ByteString prfB = ByteString.copyFrom(server.evaluate(b.toByteArray()));

  private static HeldFilterRows rows(DataSource db, String partner) {
    return new HeldFilterRows(
        db, new HeldFilterRows.Filter(partner, "MOU-TEST", MatchKind.TARGET), 1);
  }

  @Test
  void existingRowsAreCarriedOver_eachReferenceNumberedOnceForEveryFilter() throws Exception {
    DataSource db = HeldFilterDatabase.inMemoryThrough("V168__held_filter_rows.sql");
    HeldFilterRows fbiBefore = rows(db, "us.fbi");
    fbiBefore.claim(server.publicKey());
    HeldFilterRows atfBefore = rows(db, "us.atf");
    atfBefore.claim(server.publicKey());
    int fbi = filterId(db, "us.fbi");
    int atf = filterId(db, "us.atf");
    Object[][] old = {
      {fbi, a, "DEA-1", prfA},
      {fbi, a, "DEA-2", prfA},
      {fbi, b, "DEA-2", prfB},
      {fbi, b, HeldFilterRows.NO_REF, prfB},
      {atf, b, "DEA-2", prfB},
      {atf, a, "DEA-3", prfA},
    };
    try (Connection c = db.getConnection()) {
      for (Object[] v : old) {
        try (PreparedStatement s =
            c.prepareStatement(
                "insert into held_filter_rows (filter_id, input, ref, prf_head, prf_tail)"
                    + " values (?, ?, ?, ?, ?)")) {
          ByteString prf = (ByteString) v[3];
          s.setInt(1, (Integer) v[0]);
          s.setBytes(2, ((ByteString) v[1]).toByteArray());
          s.setString(3, (String) v[2]);
          s.setBytes(4, prf.substring(0, HeldFilterRows.HEAD).toByteArray());
          s.setBytes(5, prf.substring(HeldFilterRows.HEAD).toByteArray());
          s.executeUpdate();
        }
      }
    }

    HeldFilterDatabase.migrate(
        db, List.of("V170__held_filter_refs.sql", HeldFilterDatabase.INPUT_KEYS));

    assertThat(column(db, "select ref from held_filter_refs order by ref"))
        .containsExactly(HeldFilterRows.NO_REF, "DEA-1", "DEA-2", "DEA-3");
    HeldFilterRows fbiRows = rows(db, "us.fbi");
    fbiRows.claim(server.publicKey()); // a restart under the same key keeps the rows
    assertThat(fbiRows.count()).isEqualTo(4);
    assertThat(fbiRows.refsFor(prfA)).containsExactly("DEA-1", "DEA-2");
    assertThat(fbiRows.refsFor(prfB)).containsExactly("DEA-2");
    assertThat(fbiRows.rowsOfRefs(List.of("DEA-2")))
        .containsExactlyInAnyOrder(
            HeldFilterRows.Row.of(a, "DEA-2", prfA), HeldFilterRows.Row.of(b, "DEA-2", prfB));
    assertThat(fbiRows.refsAfter("", 10)).containsExactly("DEA-1", "DEA-2");
    List<HeldFilterRows.Row> all = new ArrayList<>();
    fbiRows.forEachPage(all::addAll);
    assertThat(all).hasSize(4).contains(HeldFilterRows.Row.of(b, HeldFilterRows.NO_REF, prfB));
    HeldFilterRows atfRows = rows(db, "us.atf");
    assertThat(atfRows.refsFor(prfA)).containsExactly("DEA-3");
    assertThat(atfRows.refsAfter("DEA-2", 10)).containsExactly("DEA-3");

    // a row written after the migration names a carried-over reference by the same id
    atfRows.insert(List.of(HeldFilterRows.Row.of(a, "DEA-1", prfA)));
    assertThat(column(db, "select count(*) from held_filter_refs")).containsExactly("4");
    assertThat(atfRows.refsFor(prfA)).containsExactly("DEA-1", "DEA-3");
  }

  @Test
  void theReadersOfAReference_seeOnlyTheirFiltersRows_andRowsLeaveByReference() {
    DataSource db = HeldFilterDatabase.inMemory();
    HeldFilterRows fbi = rows(db, "us.fbi");
    HeldFilterRows atf = rows(db, "us.atf");
    fbi.insert(
        List.of(
            HeldFilterRows.Row.of(a, "DEA-1", prfA),
            HeldFilterRows.Row.of(b, "DEA-1", prfB),
            HeldFilterRows.Row.of(b, "DEA-4", prfB)));
    atf.insert(List.of(HeldFilterRows.Row.of(a, "DEA-2", prfA)));
    atf.insert(List.of(HeldFilterRows.Row.of(a, "DEA-3", prfA)));

    // the walk of the rows' cases: references numbered for another filter are skipped
    assertThat(fbi.refsAfter("", 10)).containsExactly("DEA-1", "DEA-4");
    assertThat(fbi.refsAfter("DEA-1", 1)).containsExactly("DEA-4");
    assertThat(atf.refsAfter("", 1)).containsExactly("DEA-2");
    assertThat(atf.refsAfter("DEA-2", 10)).containsExactly("DEA-3");
    assertThat(fbi.rowsOfRefs(List.of("DEA-2", "DEA-9"))).isEmpty();
    assertThat(fbi.held(List.of(prfA, prfB))).containsExactlyInAnyOrder(prfA, prfB);
    assertThat(atf.held(List.of(prfA, prfB))).containsExactly(prfA);

    // the catch-up's delete of a case's rows; the claim's confirmation follows it
    fbi.delete(fbi.rowsOfRefs(List.of("DEA-1")));
    assertThat(fbi.refsFor(prfA)).isEmpty();
    assertThat(fbi.refsFor(prfB)).containsExactly("DEA-4");
    assertThat(fbi.refsAfter("", 10)).containsExactly("DEA-4");
    assertThat(atf.refsFor(prfA)).containsExactly("DEA-2", "DEA-3");
  }

  @Test
  void aCaseSyncedForTwoPartners_isNumberedOnce() throws Exception {
    DataSource db = HeldFilterDatabase.inMemory();
    for (String partner : List.of("us.fbi", "us.atf")) {
      HeldFilter held = new HeldFilter(MatchKind.TARGET, 1, server, 10, 1 << 20, rows(db, partner));
      assertThat(held.syncRefs(List.of("DEA-1"), Map.of(a, Set.of("DEA-1")))).isTrue();
      assertThat(held.refsFor(prfA)).containsExactly("DEA-1");
    }
    assertThat(column(db, "select ref from held_filter_refs")).containsExactly("DEA-1");
    assertThat(HeldFilterRefs.numbered(db, List.of("DEA-1", "DEA-5", "DEA-1")))
        .containsOnlyKeys("DEA-1", "DEA-5");
    assertThat(column(db, "select count(*) from held_filter_refs")).containsExactly("2");
  }

  private static int filterId(DataSource db, String partner) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("select id from held_filters where partner_agency = ?")) {
      s.setString(1, partner);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private static List<String> column(DataSource db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }
}
