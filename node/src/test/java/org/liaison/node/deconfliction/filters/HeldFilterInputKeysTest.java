package org.liaison.node.deconfliction.filters;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import org.liaison.wire.oprf.PrfFilter;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.MatchKind;

/** The held filters' rows naming their input by an 8-byte key (V172, decision 0074). */
class HeldFilterInputKeysTest {
  private final OprfServer server = server("liaison-deconfliction/us.dea/1");
  private final ByteString a = MatchInputs.identifier(IdentifierType.PHONE, "+13055550142");
  private final ByteString b = MatchInputs.identifier(IdentifierType.PHONE, "+13055550143");
  private final ByteString prfA = ByteString.copyFrom(server.evaluate(a.toByteArray()));
  private final ByteString prfB = ByteString.copyFrom(server.evaluate(b.toByteArray()));

  private static OprfServer server(String label) {
    return new OprfServer(OprfKeyPair.derive(OprfMode.VOPRF, new byte[32], label), OprfMode.VOPRF);
  }

  @Test
  void existingRowsAreCarriedOver_withTheKeyTheNodeComputes() throws Exception {
    DataSource db = HeldFilterDatabase.inMemoryThrough("V170__held_filter_refs.sql");
    HeldFilterDatabase.rows(db, 1).claim(server.publicKey());
    Map<String, Integer> refs = HeldFilterRefs.numbered(db, List.of("DEA-1", "DEA-2", ""));
    Object[][] old = {
      {a, "DEA-1", prfA}, {a, "DEA-2", prfA}, {b, "DEA-2", prfB}, {b, "", prfB},
    };
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into held_filter_rows (filter_id, input, ref_id, prf_head, prf_tail)"
                    + " select id, ?, ?, ?, ? from held_filters")) {
      for (Object[] v : old) {
        ByteString prf = (ByteString) v[2];
        s.setBytes(1, ((ByteString) v[0]).toByteArray());
        s.setInt(2, refs.get((String) v[1]));
        s.setBytes(3, prf.substring(0, HeldFilterRows.HEAD).toByteArray());
        s.setBytes(4, prf.substring(HeldFilterRows.HEAD).toByteArray());
        s.executeUpdate();
      }
    }

    HeldFilterDatabase.migrate(db, List.of(HeldFilterDatabase.INPUT_KEYS));

    HeldFilterRows rows = HeldFilterDatabase.rows(db, 1);
    rows.claim(server.publicKey()); // a restart under the same key keeps the rows
    assertThat(rows.count()).isEqualTo(4);
    assertThat(rows.rowsOfRefs(List.of("DEA-2")))
        .containsExactlyInAnyOrder(
            HeldFilterRows.Row.of(a, "DEA-2", prfA), HeldFilterRows.Row.of(b, "DEA-2", prfB));
    List<HeldFilterRows.Row> all = new ArrayList<>();
    rows.forEachPage(all::addAll);
    assertThat(all).hasSize(4).contains(HeldFilterRows.Row.of(b, HeldFilterRows.NO_REF, prfB));
    assertThat(rows.refsFor(prfA)).containsExactly("DEA-1", "DEA-2");
    assertThat(rows.refsAfter("", 10)).containsExactly("DEA-1", "DEA-2");
    assertThat(rows.held(List.of(prfA, prfB))).containsExactlyInAnyOrder(prfA, prfB);

    // the filter refilled from the carried-over rows finds them current by their keys: nothing is
    // evaluated again (a server under another key would have given other values)
    HeldFilter held =
        new HeldFilter(
            MatchKind.TARGET,
            1,
            server("another key"),
            10,
            1 << 20,
            HeldFilterDatabase.rows(db, 1));
    PrfFilter published = PrfFilter.fromBytes(held.answer("", 0).getFullFilter().toByteArray());
    assertThat(published.mightContain(prfA.toByteArray())).isTrue();
    assertThat(published.mightContain(prfB.toByteArray())).isTrue();
    assertThat(held.size()).isEqualTo(2);
    assertThat(
            held.syncRefs(
                List.of("DEA-1", "DEA-2"), Map.of(a, Set.of("DEA-1", "DEA-2"), b, Set.of("DEA-2"))))
        .isTrue();
    assertThat(held.refsFor(prfA)).containsExactly("DEA-1", "DEA-2");
    assertThat(held.refsFor(prfB)).containsExactly("DEA-2");
  }

  @Test
  void anInputWhoseKeyAnotherCasesRowHas_isEvaluated_notGivenThatRowsValue() {
    DataSource db = HeldFilterDatabase.inMemory();
    HeldFilterRows rows = HeldFilterDatabase.rows(db, 1);
    // DEA-1's input a as if its key were b's: two inputs with one key in two cases
    rows.insert(List.of(new HeldFilterRows.Row(HeldFilterRows.keyOf(b), "DEA-1", prfA)));
    HeldFilter held =
        new HeldFilter(MatchKind.TARGET, 1, server, 10, 1 << 20, HeldFilterDatabase.rows(db, 1));

    assertThat(held.syncRefs(List.of("DEA-2"), Map.of(b, Set.of("DEA-2")))).isTrue();
    assertThat(held.refsFor(prfB)).containsExactly("DEA-2");
    assertThat(held.refsFor(prfA)).containsExactly("DEA-1");
    assertThat(held.size()).isEqualTo(2);

    // DEA-1's row leaves, and its value with it; DEA-2's stays
    assertThat(held.syncRefs(List.of("DEA-1"), Map.of())).isTrue();
    assertThat(held.refsFor(prfA)).isEmpty();
    assertThat(held.refsFor(prfB)).containsExactly("DEA-2");
    PrfFilter published = PrfFilter.fromBytes(held.answer("", 0).getFullFilter().toByteArray());
    assertThat(published.mightContain(prfA.toByteArray())).isFalse();
    assertThat(published.mightContain(prfB.toByteArray())).isTrue();
  }

  @Test
  void anInputMovedToAnotherCase_staysInTheFilter_andTheValueLeavesWithItsLastRow() {
    DataSource db = HeldFilterDatabase.inMemory();
    HeldFilter held =
        new HeldFilter(MatchKind.TARGET, 1, server, 10, 1 << 20, HeldFilterDatabase.rows(db, 1));
    held.syncRefs(List.of("DEA-1"), Map.of(a, Set.of("DEA-1")));
    held.syncRefs(List.of("DEA-2"), Map.of(a, Set.of("DEA-2")));
    assertThat(held.size()).isEqualTo(1); // one value, two rows: counted once

    held.syncRefs(List.of("DEA-1"), Map.of());
    assertThat(held.refsFor(prfA)).containsExactly("DEA-2");
    PrfFilter published = PrfFilter.fromBytes(held.answer("", 0).getFullFilter().toByteArray());
    assertThat(published.mightContain(prfA.toByteArray())).isTrue();

    held.syncRefs(List.of("DEA-2"), Map.of());
    published = PrfFilter.fromBytes(held.answer("", 0).getFullFilter().toByteArray());
    assertThat(published.mightContain(prfA.toByteArray())).isFalse();
    assertThat(held.size()).isZero();
  }
}
