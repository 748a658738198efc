package org.liaison.node.deconfliction.filters;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.matching.MatchInputs;
import org.liaison.wire.oprf.OprfKeyPair;
import org.liaison.wire.oprf.OprfMode;
import org.liaison.wire.oprf.OprfServer;
import org.liaison.wire.oprf.PrfFilter;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.MatchKind;

/**
 * A filter's catch-up walks its references a slice at a time (decision 0077) against a real filter
 * and its rows on a real database: what a slice's references no longer hold leaves, what they hold
 * stays or is added, references no longer live lose their rows, and a walk stopped between slices
 * goes on from where it stood.
 */
class FilterWalkTest {
  private final OprfServer server =
      new OprfServer(
          OprfKeyPair.derive(OprfMode.VOPRF, new byte[32], "liaison-deconfliction/us.dea/1"),
          OprfMode.VOPRF);
  private final DataSource db = HeldFilterDatabase.inMemory();
  private final HeldFilter filter =
      new HeldFilter(MatchKind.TARGET, 1, server, 1000, 1 << 20, HeldFilterDatabase.rows(db, 1));

  /** The live references and their inputs, walked two references a slice. */
  private final Inputs inputs = new Inputs(2);

  @Test
  void aWalkOverManySlices_removesWhatIsStale_andKeepsAndAddsWhatIsCurrent() {
    for (int r = 1; r <= 7; r++) {
      inputs.put("CASE-" + r, phones(r, 3));
    }
    FilterWalk walk = new FilterWalk(true);
    walk.walkAll();
    assertThat(walk.catchUp(inputs, walked(), () -> false)).isTrue();
    assertRowsAre(inputs.live);
    Set<ByteString> before = valuesOf(inputs.live);

    inputs.live.get("CASE-2").remove(phone(2, 0));
    inputs.live.get("CASE-2").add(phone(2, 9));
    inputs.live.remove("CASE-5"); // closed: its rows are found by the walk of the rows' cases
    inputs.put("CASE-7", phones(70, 2));
    inputs.put("CASE-8", phones(8, 2));
    walk.walkAll();
    assertThat(walk.catchUp(inputs, walked(), () -> false)).isTrue();

    assertRowsAre(inputs.live);
    PrfFilter published = published();
    for (ByteString prf : valuesOf(inputs.live)) {
      assertThat(published.mightContain(prf.toByteArray())).isTrue();
    }
    Set<ByteString> gone = new HashSet<>(before);
    gone.removeAll(valuesOf(inputs.live));
    assertThat(gone).hasSize(1 + 3 + 3);
    for (ByteString prf : gone) {
      assertThat(filter.refsFor(prf)).isEmpty();
      assertThat(published.mightContain(prf.toByteArray())).isFalse();
    }
  }

  @Test
  void aWalkStoppedAfterASlice_goesOnFromWhereItStood() {
    for (int r = 1; r <= 7; r++) {
      inputs.put("CASE-" + r, phones(r, 2));
    }
    FilterWalk walk = new FilterWalk(true);
    walk.walkAll();

    assertThat(walk.catchUp(inputs, walked(), () -> true)).isFalse();
    assertThat(inputs.asked).containsExactly("");
    assertThat(walk.catchUp(inputs, walked(), () -> true)).isFalse();
    assertThat(inputs.asked).containsExactly("", "CASE-2");

    assertThat(walk.catchUp(inputs, walked(), () -> false)).isTrue();
    assertThat(inputs.asked).containsExactly("", "CASE-2", "CASE-4", "CASE-6", "CASE-7");
    assertRowsAre(inputs.live);
  }

  @Test
  void changedCasesAreReadAlone_untilTooManyAreKept_thenEveryCaseIsWalked() {
    inputs.put("CASE-1", phones(1, 1));
    inputs.put("CASE-2", phones(2, 1));
    FilterWalk walk = new FilterWalk(true);
    walk.changed("CASE-2");
    assertThat(walk.catchUp(inputs, walked(), () -> false)).isTrue();
    assertThat(inputs.asked).isEmpty();
    assertRowsAre(Map.of("CASE-2", inputs.live.get("CASE-2")));

    for (int c = 0; c <= FilterWalk.MAX_CHANGED; c++) {
      walk.changed("OTHER-" + c);
    }
    assertThat(walk.catchUp(inputs, walked(), () -> false)).isTrue();
    assertThat(inputs.asked).containsExactly("", "CASE-2");
    assertRowsAre(inputs.live);
  }

  @Test
  void anyChangeToAFilterOfOperations_walksThemAll() {
    inputs.put("OP-1", phones(1, 1));
    FilterWalk walk = new FilterWalk(false);
    walk.changed("CASE-OF-OP-1");
    assertThat(walk.catchUp(inputs, walked(), () -> false)).isTrue();
    assertThat(inputs.asked).containsExactly("", "OP-1");
    assertRowsAre(inputs.live);
  }

  private FilterWalk.Walked walked() {
    return new FilterWalk.Walked() {
      @Override
      public void sync(List<String> refs, Map<ByteString, Set<String>> current) {
        assertThat(filter.syncRefs(refs, current)).isTrue();
      }

      @Override
      public List<String> refsAfter(String after, int n) {
        return filter.refsAfter(after, n);
      }
    };
  }

  /** The filter's rows are exactly one per reference and input, each with the input's value. */
  private void assertRowsAre(Map<String, Set<ByteString>> expected) {
    Set<HeldFilterRows.Row> want = new HashSet<>();
    expected.forEach(
        (ref, held) ->
            held.forEach(
                i -> want.add(HeldFilterRows.Row.of(i, ref, ByteString.copyFrom(prf(i))))));
    List<HeldFilterRows.Row> stored = new ArrayList<>();
    HeldFilterDatabase.rows(db, 1).forEachPage(stored::addAll);
    assertThat(stored).containsExactlyInAnyOrderElementsOf(want);
  }

  private Set<ByteString> valuesOf(Map<String, Set<ByteString>> live) {
    Set<ByteString> out = new HashSet<>();
    live.values().forEach(held -> held.forEach(i -> out.add(ByteString.copyFrom(prf(i)))));
    return out;
  }

  private byte[] prf(ByteString input) {
    return server.evaluate(input.toByteArray());
  }

  private PrfFilter published() {
    return PrfFilter.fromBytes(filter.answer("", 0).getFullFilter().toByteArray());
  }

  private static Set<ByteString> phones(int ref, int n) {
    Set<ByteString> out = new HashSet<>();
    for (int i = 0; i < n; i++) {
      out.add(phone(ref, i));
    }
    return out;
  }

  private static ByteString phone(int ref, int i) {
    return MatchInputs.identifier(IdentifierType.PHONE, String.format("+1305555%02d%02d", ref, i));
  }

  /** Live references in order, each with its inputs; the walk's slices asked for are recorded. */
  private static final class Inputs implements WalkedInputs {
    final TreeMap<String, Set<ByteString>> live = new TreeMap<>();
    final List<String> asked = new ArrayList<>();
    private final int slice;

    Inputs(int slice) {
      this.slice = slice;
    }

    void put(String ref, Set<ByteString> held) {
      live.put(ref, held);
    }

    @Override
    public Slice liveAfter(String after) {
      asked.add(after);
      List<String> refs = live.tailMap(after, false).keySet().stream().limit(slice).toList();
      return new Slice(refs, of(refs), refs.isEmpty() ? "" : refs.get(refs.size() - 1));
    }

    @Override
    public Map<ByteString, Set<String>> of(List<String> refs) {
      Map<ByteString, Set<String>> out = new HashMap<>();
      for (String ref : refs) {
        for (ByteString i : live.getOrDefault(ref, Set.of())) {
          out.computeIfAbsent(i, k -> new TreeSet<>()).add(ref);
        }
      }
      return out;
    }

    @Override
    public List<String> liveAmong(Collection<String> refs) {
      return refs.stream().filter(live::containsKey).toList();
    }
  }
}
