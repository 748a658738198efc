package org.liaison.wire.oprf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Reason;

class PrfFilterTest {

  @Property(tries = 12)
  void mightContain_noFalseNegativesAndRateWithinBound(
      @ForAll @IntRange(min = 500, max = 20_000) int entries,
      @ForAll("rates") double rate,
      @ForAll @LongRange(min = 1) long seed) {
    Random random = new Random(seed);
    PrfFilterBuilder builder = new PrfFilterBuilder(entries, rate);
    List<byte[]> members = randomEntries(random, entries);
    members.forEach(builder::add);
    builder.commit();
    PrfFilter filter = PrfFilter.fromBytes(builder.published().toBytes());

    assertThat(members).allMatch(filter::mightContain);
    int probes = 200_000;
    int falsePositives = 0;
    for (byte[] probe : randomEntries(random, probes)) {
      falsePositives += filter.mightContain(probe) ? 1 : 0;
    }
    // A filter's rate is set by how many of its bits happen to be set, which varies from filter
    // to filter (a few percent for small ones); the sizing must keep that near the target...
    double fillRate = filter.estimatedFalsePositiveRate();
    assertThat(fillRate).isLessThanOrEqualTo(1.5 * rate);
    // ...and the probes must hit at the rate the fill predicts (independent positions).
    // Binomial: mean + 5 standard deviations + 3, so the test fails only for a real defect.
    double expected = fillRate * probes;
    assertThat(falsePositives).isLessThanOrEqualTo((int) (expected + 5 * Math.sqrt(expected) + 3));
  }

  @Provide
  Arbitrary<Double> rates() {
    return Arbitraries.of(1e-2, 1e-3, 1e-4);
  }

  @Test
  void mightContain_defaultRateOneInAMillion_holdsOverTwoMillionProbes() {
    Random random = new Random(7);
    PrfFilterBuilder builder = new PrfFilterBuilder(50_000);
    randomEntries(random, 50_000).forEach(builder::add);
    builder.commit();
    PrfFilter filter = builder.published();
    int falsePositives = 0;
    for (int i = 0; i < 2_000_000; i++) {
      byte[] probe = new byte[32];
      random.nextBytes(probe);
      falsePositives += filter.mightContain(probe) ? 1 : 0;
    }
    assertThat(falsePositives).isLessThanOrEqualTo(12); // expected 2
    assertThat(filter.hashCount()).isEqualTo(20);
    assertThat(filter.estimatedFalsePositiveRate()).isBetween(1e-7, 2e-6);
  }

  @Test
  void apply_deltasReproduceThePublishedFilter() {
    Random random = new Random(1);
    PrfFilterBuilder builder = new PrfFilterBuilder(1_000, 1e-4);
    List<byte[]> first = randomEntries(random, 600);
    first.forEach(builder::add);
    PrfFilter partner = new PrfFilterBuilder(1_000, 1e-4).published().apply(builder.commit());

    List<byte[]> added = randomEntries(random, 50);
    added.forEach(builder::add);
    List<byte[]> removed = first.subList(0, 100);
    removed.forEach(e -> assertThat(builder.remove(e)).isTrue());
    PrfFilterDelta delta = PrfFilterDelta.fromBytes(builder.commit().toBytes());
    assertThat(delta.fromGeneration()).isEqualTo(1);
    assertThat(delta.toGeneration()).isEqualTo(2);
    partner = partner.apply(delta);

    assertThat(partner.toBytes()).isEqualTo(builder.published().toBytes());
    assertThat(added).allMatch(partner::mightContain);
    assertThat(first.subList(100, 600)).allMatch(partner::mightContain);
    long stillThere = removed.stream().filter(partner::mightContain).count();
    assertThat(stillThere).isLessThanOrEqualTo(2);
    assertThat(builder.entryCount()).isEqualTo(550);
    // Only the changed bits travel: at most hashCount positions per added or removed entry.
    assertThat(delta.changeCount()).isPositive().isLessThanOrEqualTo(150 * partner.hashCount());
  }

  @Test
  void apply_deltaFromAnotherGeneration_isRefused() {
    Random random = new Random(2);
    PrfFilterBuilder builder = new PrfFilterBuilder(100, 1e-3);
    PrfFilter stale = builder.published();
    builder.add(randomEntries(random, 1).get(0));
    builder.commit();
    builder.add(randomEntries(random, 1).get(0));
    PrfFilterDelta second = builder.commit();
    assertThatThrownBy(() -> stale.apply(second)).hasMessageContaining("request the full filter");
    assertThatThrownBy(() -> new PrfFilterBuilder(5_000, 1e-3).published().apply(second))
        .hasMessageContaining("bits");
  }

  @Test
  void remove_absentEntry_returnsFalseAndChangesNothing() {
    PrfFilterBuilder builder = new PrfFilterBuilder(100, 1e-3);
    assertThat(builder.remove(new byte[32])).isFalse();
    assertThat(builder.commit().isEmpty()).isTrue();
  }

  @Test
  void fromBytes_unknownVersionOrTruncated_isRefused() {
    byte[] bytes = new PrfFilterBuilder(100, 1e-3).published().toBytes();
    byte[] v2 = bytes.clone();
    v2[0] = 2;
    assertThatThrownBy(() -> PrfFilter.fromBytes(v2))
        .extracting(e -> ((OprfException) e).reason())
        .isEqualTo(Reason.UNSUPPORTED_VERSION);
    assertThatThrownBy(() -> PrfFilter.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(OprfException.class);
    assertThatThrownBy(() -> PrfFilter.fromBytes(new byte[] {1, 20}))
        .isInstanceOf(OprfException.class);
    assertThatThrownBy(() -> PrfFilterDelta.fromBytes(new byte[] {1, 0, 0}))
        .isInstanceOf(OprfException.class);
  }

  @Test
  void builder_sizeForOneMillionAtDefaultRate_isAbout3Point6Megabytes() {
    BloomLayout layout =
        BloomLayout.forCapacity(1_000_000, PrfFilterBuilder.DEFAULT_FALSE_POSITIVE_RATE);
    assertThat(layout.hashes).isEqualTo(20);
    assertThat(layout.bits / 8).isBetween(3_500_000, 3_700_000);
  }

  static List<byte[]> randomEntries(Random random, int n) {
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] e = new byte[32];
      random.nextBytes(e);
      out.add(e);
    }
    return out;
  }
}
