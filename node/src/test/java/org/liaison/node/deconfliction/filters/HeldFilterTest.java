package org.liaison.node.deconfliction.filters;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.matching.MatchInputs;
import org.liaison.wire.oprf.OprfKeyPair;
import org.liaison.wire.oprf.OprfMode;
import org.liaison.wire.oprf.OprfServer;
import org.liaison.wire.oprf.PrfFilter;
import org.liaison.wire.oprf.PrfFilterDelta;
import org.liaison.wire.v1.FilterAnswer;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.MatchKind;

class HeldFilterTest {
  private final OprfServer server =
      new OprfServer(
          OprfKeyPair.derive(OprfMode.VOPRF, new byte[32], "liaison-deconfliction/us.dea/1"),
          OprfMode.VOPRF);
  private final DataSource db = HeldFilterDatabase.inMemory();

  private HeldFilterRows rows(long epoch) {
    return HeldFilterDatabase.rows(db, epoch);
  }

  @Test
  void partnerFollowsAddsAndRemovalsThroughDeltas_andClaimsMapBackToCases() {
    HeldFilter held = new HeldFilter(MatchKind.TARGET, 1, server, 10, 1 << 20, rows(1));
    Map<ByteString, Set<String>> targets = new HashMap<>();
    ByteString a = MatchInputs.identifier(IdentifierType.PHONE, "+13055550142");
    ByteString b = MatchInputs.identifier(IdentifierType.PHONE, "+13055550143");
    targets.put(a, Set.of("DEA-1"));
    held.sync(targets, 1);

    FilterAnswer full = held.answer("", 0);
    assertThat(full.getFullFilter().isEmpty()).isFalse();
    PrfFilter partner = PrfFilter.fromBytes(full.getFullFilter().toByteArray());
    byte[] prfA = server.evaluate(a.toByteArray());
    byte[] prfB = server.evaluate(b.toByteArray());
    assertThat(partner.mightContain(prfA)).isTrue();
    assertThat(held.refsFor(ByteString.copyFrom(prfA))).containsExactly("DEA-1");
    assertThat(held.refsFor(ByteString.copyFrom(prfB))).isEmpty();

    targets.remove(a);
    targets.put(b, Set.of("DEA-2"));
    held.sync(targets, 2);
    FilterAnswer delta = held.answer(full.getFilterId(), full.getGeneration());
    assertThat(delta.getFullFilter().isEmpty()).isTrue();
    for (ByteString d : delta.getDeltasList()) {
      partner = partner.apply(PrfFilterDelta.fromBytes(d.toByteArray()));
    }
    assertThat(partner.generation()).isEqualTo(delta.getGeneration());
    assertThat(partner.mightContain(prfB)).isTrue();
    assertThat(partner.mightContain(prfA)).isFalse();
    assertThat(held.refsFor(ByteString.copyFrom(prfA))).isEmpty();
    assertThat(held.refsFor(ByteString.copyFrom(prfB))).containsExactly("DEA-2");

    // another filter id (rebuilt, or a stranger) gets the full filter
    assertThat(held.answer("not-this-one", 0).getFullFilter().isEmpty()).isFalse();
    // up to date: no deltas, no filter
    FilterAnswer current = held.answer(full.getFilterId(), delta.getGeneration());
    assertThat(current.getFullFilter().isEmpty()).isTrue();
    assertThat(current.getDeltasList()).isEmpty();
  }

  @Test
  void aFilterLargerThanOnePart_comesInPartsOfOneGeneration_evenIfItChangesMeanwhile() {
    HeldFilter held = new HeldFilter(MatchKind.TARGET, 1, server, 2000, 1024, rows(1));
    Map<ByteString, Set<String>> targets = new HashMap<>();
    for (int i = 0; i < 2000; i++) {
      targets.put(MatchInputs.identifier(IdentifierType.PHONE, "+1305555" + (1000 + i)), Set.of());
    }
    held.sync(targets, 1);

    FilterAnswer first = held.answer("", 0);
    assertThat(first.getParts()).isGreaterThan(2);
    assertThat(first.getFullFilter().size()).isEqualTo(1024);
    // the holder moves on after the first part was sent: the parts stay those of the first
    targets.remove(targets.keySet().iterator().next());
    held.sync(targets, 2);
    ByteString whole = first.getFullFilter();
    for (int part = 1; part < first.getParts(); part++) {
      FilterAnswer a = held.part(first.getFilterId(), first.getGeneration(), part);
      assertThat(a.getPart()).isEqualTo(part);
      assertThat(a.getGeneration()).isEqualTo(first.getGeneration());
      whole = whole.concat(a.getFullFilter());
    }
    assertThat(whole.size()).isEqualTo(first.getFullSize());
    PrfFilter assembled = PrfFilter.fromBytes(whole.toByteArray());
    assertThat(assembled.generation()).isEqualTo(first.getGeneration());
    byte[] prf =
        server.evaluate(MatchInputs.identifier(IdentifierType.PHONE, "+13055551500").toByteArray());
    assertThat(assembled.mightContain(prf)).isTrue();

    // the deltas since the assembled generation bring it to the current one
    FilterAnswer delta = held.answer(first.getFilterId(), first.getGeneration());
    assertThat(delta.getFullFilter().isEmpty()).isTrue();
    for (ByteString d : delta.getDeltasList()) {
      assembled = assembled.apply(PrfFilterDelta.fromBytes(d.toByteArray()));
    }
    assertThat(assembled.generation()).isEqualTo(delta.getGeneration());

    // a generation the holder no longer keeps: it starts the partner again at its new first part
    held.answer("", 0);
    FilterAnswer restart = held.part(first.getFilterId(), first.getGeneration(), 1);
    assertThat(restart.getPart()).isZero();
    assertThat(restart.getGeneration()).isEqualTo(delta.getGeneration());
    // a part beyond the last, or of another filter: the same
    assertThat(held.part(first.getFilterId(), restart.getGeneration(), 10_000).getPart()).isZero();
    assertThat(held.part("another", restart.getGeneration(), 1).getPart()).isZero();
  }

  @Test
  void outgrownFilterAsksToBeRebuilt() {
    HeldFilter held = new HeldFilter(MatchKind.TARGET, 1, server, 1, 1 << 20, rows(1));
    Map<ByteString, Set<String>> many = new HashMap<>();
    for (int i = 0; i <= HeldFilter.MIN_CAPACITY; i++) {
      many.put(ByteString.copyFromUtf8("x" + i), Set.of("C"));
    }
    assertThat(held.sync(many, 1)).isFalse();
  }

  @Test
  void aFilterMadeAgain_takesItsPrfValuesFromItsRows_withoutEvaluatingThemAgain() {
    ByteString a = MatchInputs.identifier(IdentifierType.PHONE, "+13055550142");
    HeldFilter held = new HeldFilter(MatchKind.TARGET, 1, server, 10, 1 << 20, rows(1));
    held.sync(Map.of(a, Set.of("DEA-1")), 1);
    byte[] prfA = server.evaluate(a.toByteArray());

    // made again (a restart) with a server that would give other values: none is evaluated
    OprfServer other =
        new OprfServer(
            OprfKeyPair.derive(OprfMode.VOPRF, new byte[32], "liaison-deconfliction/other/1"),
            OprfMode.VOPRF);
    HeldFilter again = new HeldFilter(MatchKind.TARGET, 1, other, 10, 1 << 20, rows(1));
    assertThat(again.refsFor(ByteString.copyFrom(prfA))).containsExactly("DEA-1");
    assertThat(again.sync(Map.of(a, Set.of("DEA-1")), 2)).isTrue();
    PrfFilter partner = PrfFilter.fromBytes(again.answer("", 0).getFullFilter().toByteArray());
    assertThat(partner.mightContain(prfA)).isTrue();
    assertThat(partner.mightContain(other.evaluate(a.toByteArray()))).isFalse();
    assertThat(again.size()).isEqualTo(1);
  }

  @Test
  void claimsAreConfirmedFromTheRows_forTheCasesHoldingTheTargetNow() {
    ByteString a = MatchInputs.identifier(IdentifierType.PHONE, "+13055550142");
    ByteString prfA = ByteString.copyFrom(server.evaluate(a.toByteArray()));
    HeldFilter held = new HeldFilter(MatchKind.TARGET, 1, server, 10, 1 << 20, rows(1));
    held.sync(Map.of(a, Set.of("DEA-1")), 1);
    held.sync(Map.of(a, Set.of("DEA-1", "DEA-2")), 2);
    assertThat(rows(1).refsFor(prfA)).containsExactly("DEA-1", "DEA-2");
    held.sync(Map.of(a, Set.of("DEA-2")), 3);
    assertThat(held.refsFor(prfA)).containsExactly("DEA-2");
    assertThat(held.size()).isEqualTo(1);
    PrfFilter partner = PrfFilter.fromBytes(held.answer("", 0).getFullFilter().toByteArray());
    assertThat(partner.mightContain(prfA.toByteArray())).isTrue();

    // moved to another case outright: the same value, once in the filter
    held.sync(Map.of(a, Set.of("DEA-3")), 4);
    assertThat(held.refsFor(prfA)).containsExactly("DEA-3");
    assertThat(held.size()).isEqualTo(1);

    held.sync(Map.of(), 5);
    assertThat(rows(1).refsFor(prfA)).isEmpty();
    assertThat(held.size()).isZero();
    partner = PrfFilter.fromBytes(held.answer("", 0).getFullFilter().toByteArray());
    assertThat(partner.mightContain(prfA.toByteArray())).isFalse();
  }

  @Test
  void aNewKeyEpoch_startsWithoutTheRowsOfTheLast() {
    ByteString a = MatchInputs.identifier(IdentifierType.PHONE, "+13055550142");
    ByteString prfA = ByteString.copyFrom(server.evaluate(a.toByteArray()));
    HeldFilterRows first = rows(1);
    first.claim(server.publicKey());
    new HeldFilter(MatchKind.TARGET, 1, server, 10, 1 << 20, first)
        .sync(Map.of(a, Set.of("DEA-1")), 1);
    assertThat(first.refsFor(prfA)).containsExactly("DEA-1");

    HeldFilterRows second = rows(2);
    second.claim(server.publicKey());
    assertThat(first.refsFor(prfA)).isEmpty();
    HeldFilter next = new HeldFilter(MatchKind.TARGET, 2, server, 10, 1 << 20, second);
    assertThat(next.size()).isZero();
    assertThat(HeldFilterRows.named(db))
        .containsExactly(new HeldFilterRows.Filter("us.fbi", "MOU-TEST", MatchKind.TARGET));
  }

  @Test
  void manyRowsOfOneInput_andManyInputs_areReadAcrossPages() {
    HeldFilter held = new HeldFilter(MatchKind.TARGET, 1, server, 4000, 1 << 20, rows(1));
    Map<ByteString, Set<String>> targets = new HashMap<>();
    java.util.Set<String> manyCases = new java.util.TreeSet<>();
    for (int i = 0; i < HeldFilterRows.PAGE + 10; i++) {
      manyCases.add("DEA-" + i);
    }
    ByteString shared = MatchInputs.identifier(IdentifierType.PHONE, "+13055550100");
    targets.put(shared, manyCases);
    Set<String> severalCases = new java.util.TreeSet<>();
    for (int i = 0; i < 300; i++) {
      severalCases.add("FBI-" + i);
    }
    for (int i = 0; i < 20; i++) {
      targets.put(
          MatchInputs.identifier(IdentifierType.PHONE, "+1305556" + (1000 + i)), severalCases);
    }
    held.sync(targets, 1);
    HeldFilter again = new HeldFilter(MatchKind.TARGET, 1, server, 4000, 1 << 20, rows(1));
    assertThat(again.size()).isEqualTo(21);
    // unchanged targets: nothing leaves, nothing comes twice
    assertThat(again.sync(targets, 2)).isTrue();
    assertThat(again.size()).isEqualTo(21);
    assertThat(again.refsFor(ByteString.copyFrom(server.evaluate(shared.toByteArray()))))
        .hasSize(HeldFilterRows.PAGE + 10);
  }

  @Test
  void aNewSeedInTheSameEpoch_dropsTheRowsOfTheOldKey_andTheSameKeyKeepsThem() {
    ByteString a = MatchInputs.identifier(IdentifierType.PHONE, "+13055550142");
    ByteString prfA = ByteString.copyFrom(server.evaluate(a.toByteArray()));
    rows(1).claim(server.publicKey());
    new HeldFilter(MatchKind.TARGET, 1, server, 10, 1 << 20, rows(1))
        .sync(Map.of(a, Set.of("DEA-1")), 1);

    rows(1).claim(server.publicKey()); // a restart under the same key
    assertThat(rows(1).refsFor(prfA)).containsExactly("DEA-1");

    byte[] newSeed = new byte[32];
    newSeed[0] = 1;
    OprfServer reseeded =
        new OprfServer(
            OprfKeyPair.derive(OprfMode.VOPRF, newSeed, "liaison-deconfliction/us.dea/1"),
            OprfMode.VOPRF);
    rows(1).claim(reseeded.publicKey());
    assertThat(rows(1).refsFor(prfA)).isEmpty();
    HeldFilter again = new HeldFilter(MatchKind.TARGET, 1, reseeded, 10, 1 << 20, rows(1));
    assertThat(again.size()).isZero();
    again.sync(Map.of(a, Set.of("DEA-1")), 1);
    assertThat(again.refsFor(ByteString.copyFrom(reseeded.evaluate(a.toByteArray()))))
        .containsExactly("DEA-1");
  }

  @Test
  void aClaimWhosePrfSharesTheIndexedHead_butNotTheRest_isNotConfirmed() {
    HeldFilterRows rows = rows(1);
    ByteString a = MatchInputs.identifier(IdentifierType.PHONE, "+13055550142");
    ByteString b = MatchInputs.identifier(IdentifierType.PHONE, "+13055550143");
    ByteString prfA = ByteString.copyFrom(server.evaluate(a.toByteArray()));
    byte[] collides = prfA.toByteArray();
    collides[HeldFilterRows.HEAD] ^= 1; // the same first 8 bytes, another value
    ByteString prfB = ByteString.copyFrom(collides);
    rows.insert(
        java.util.List.of(
            HeldFilterRows.Row.of(a, "DEA-1", prfA), HeldFilterRows.Row.of(b, "DEA-2", prfB)));

    assertThat(rows.refsFor(prfA)).containsExactly("DEA-1");
    assertThat(rows.refsFor(prfB)).containsExactly("DEA-2");
    byte[] neither = prfA.toByteArray();
    neither[neither.length - 1] ^= 1;
    assertThat(rows.refsFor(ByteString.copyFrom(neither))).isEmpty();
    assertThat(rows.refsFor(prfA.substring(0, HeldFilterRows.HEAD))).isEmpty();
    // read back whole: a filter made from the rows holds both values
    HeldFilter again = new HeldFilter(MatchKind.TARGET, 1, server, 10, 1 << 20, rows(1));
    PrfFilter published = PrfFilter.fromBytes(again.answer("", 0).getFullFilter().toByteArray());
    assertThat(published.mightContain(prfA.toByteArray())).isTrue();
    assertThat(published.mightContain(collides)).isTrue();
  }

  @Test
  void theRowsOfTheFormerLayout_areCarriedOver_underTheFiltersIds() throws Exception {
    DataSource old = HeldFilterDatabase.inMemoryThrough("V167__held_filter_values_by_ref.sql");
    ByteString a = MatchInputs.identifier(IdentifierType.PHONE, "+13055550142");
    ByteString b = MatchInputs.identifier(IdentifierType.PHONE, "+13055550143");
    byte[] prfA = server.evaluate(a.toByteArray());
    byte[] prfB = server.evaluate(b.toByteArray());
    try (java.sql.Connection c = old.getConnection()) {
      for (String partner : java.util.List.of("us.fbi", "us.atf")) {
        try (var s =
            c.prepareStatement(
                "insert into held_filters (partner_agency, agreement_id, match_kind, epoch,"
                    + " public_key) values (?, 'MOU-TEST', 'TARGET', 1, ?)")) {
          s.setString(1, partner);
          s.setBytes(2, server.publicKey());
          s.executeUpdate();
        }
      }
      Object[][] values = {
        {"us.fbi", 1L, a, "DEA-1", prfA},
        {"us.fbi", 1L, a, "DEA-2", prfA},
        {"us.fbi", 1L, b, "DEA-2", prfB},
        {"us.fbi", 0L, b, "DEA-9", prfB}, // left by an earlier epoch: not carried over
        {"us.atf", 1L, b, "DEA-3", prfB},
      };
      for (Object[] v : values) {
        try (var s =
            c.prepareStatement(
                "insert into held_filter_values (partner_agency, agreement_id, match_kind,"
                    + " epoch, input, ref, prf) values (?, 'MOU-TEST', 'TARGET', ?, ?, ?, ?)")) {
          s.setString(1, (String) v[0]);
          s.setLong(2, (Long) v[1]);
          s.setBytes(3, ((ByteString) v[2]).toByteArray());
          s.setString(4, (String) v[3]);
          s.setBytes(5, (byte[]) v[4]);
          s.executeUpdate();
        }
      }
    }

    HeldFilterDatabase.migrate(
        old,
        java.util.List.of(
            "V168__held_filter_rows.sql",
            "V170__held_filter_refs.sql",
            HeldFilterDatabase.INPUT_KEYS));

    HeldFilterRows fbi = HeldFilterDatabase.rows(old, 1);
    fbi.claim(server.publicKey()); // a restart under the same key keeps the rows
    assertThat(fbi.count()).isEqualTo(3);
    assertThat(fbi.refsFor(ByteString.copyFrom(prfA))).containsExactly("DEA-1", "DEA-2");
    assertThat(fbi.refsFor(ByteString.copyFrom(prfB))).containsExactly("DEA-2");
    HeldFilter held = new HeldFilter(MatchKind.TARGET, 1, server, 10, 1 << 20, fbi);
    assertThat(held.size()).isEqualTo(2);
    HeldFilterRows atf =
        new HeldFilterRows(
            old, new HeldFilterRows.Filter("us.atf", "MOU-TEST", MatchKind.TARGET), 1);
    assertThat(atf.refsFor(ByteString.copyFrom(prfB))).containsExactly("DEA-3");
    assertThat(atf.refsFor(ByteString.copyFrom(prfA))).isEmpty();
  }
}
