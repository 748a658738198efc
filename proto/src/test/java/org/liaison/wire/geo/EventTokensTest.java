package org.liaison.wire.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

class EventTokensTest {
  private static final EventTokens TOKENS = EventTokens.standard();
  // Miami, EDT (UTC-4): DEA search warrant 06:00-09:00 local.
  private static final double LAT = 25.7743;
  private static final double LON = -80.1937;
  private static final EventExtent DEA_WARRANT =
      new EventExtent(
          LAT,
          LON,
          100,
          Instant.parse("2026-06-10T10:00:00Z"),
          Instant.parse("2026-06-10T13:00:00Z"));

  @Test
  void tokens_case6SurveillanceThreeHundredMetresAwayFrom0730_intersectAndConflict() {
    EventExtent ice =
        new EventExtent(
            LAT + metresToLat(300),
            LON,
            50,
            Instant.parse("2026-06-10T11:30:00Z"),
            Instant.parse("2026-06-10T14:30:00Z"));
    assertThat(EventTokens.distanceMetres(DEA_WARRANT, ice)).isBetween(295.0, 305.0);
    assertThat(intersection(DEA_WARRANT, ice)).isNotEmpty();
    assertThat(TOKENS.conflicts(DEA_WARRANT, ice)).isTrue();
    assertThat(TOKENS.conflicts(ice, DEA_WARRANT)).isTrue();
  }

  @Test
  void conflicts_fiveKilometresAway_isFalseAndTokensAreDisjoint() {
    EventExtent ice =
        new EventExtent(
            LAT + metresToLat(5_000),
            LON,
            50,
            Instant.parse("2026-06-10T11:30:00Z"),
            Instant.parse("2026-06-10T14:30:00Z"));
    assertThat(TOKENS.conflicts(DEA_WARRANT, ice)).isFalse();
    assertThat(intersection(DEA_WARRANT, ice)).isEmpty();
  }

  @Test
  void conflicts_samePlaceADayLater_isFalseAndTokensAreDisjoint() {
    EventExtent ice =
        new EventExtent(
            LAT + metresToLat(300),
            LON,
            50,
            Instant.parse("2026-06-11T11:30:00Z"),
            Instant.parse("2026-06-11T14:30:00Z"));
    assertThat(TOKENS.conflicts(DEA_WARRANT, ice)).isFalse();
    assertThat(intersection(DEA_WARRANT, ice)).isEmpty();
  }

  @Test
  void conflicts_windowsGapWithinTimeBuffer_isTrue() {
    EventExtent later =
        new EventExtent(
            LAT,
            LON,
            100,
            Instant.parse("2026-06-10T13:45:00Z"),
            Instant.parse("2026-06-10T15:00:00Z"));
    assertThat(TOKENS.conflicts(DEA_WARRANT, later)).isTrue();
    assertThat(intersection(DEA_WARRANT, later)).isNotEmpty();
  }

  @Test
  void tokens_case6Operation_isSmallAndBounded() {
    // ~1.2 km box of 500 m cells, 3 h window + 1 h buffer in 30 min buckets.
    assertThat(TOKENS.tokens(DEA_WARRANT)).hasSizeBetween(9 * 8, 25 * 10);
    EventExtent big =
        new EventExtent(
            LAT,
            LON,
            EventExtent.MAX_RADIUS_METRES,
            Instant.parse("2026-06-10T00:00:00Z"),
            Instant.parse("2026-06-17T00:00:00Z"));
    assertThatThrownBy(() -> TOKENS.tokens(big)).hasMessageContaining("split it");
  }

  @Test
  void distanceMetres_vincentyReferenceFlindersPeakToBuninyong() {
    EventExtent flinders =
        new EventExtent(
            -(37 + 57 / 60.0 + 3.72030 / 3600),
            144 + 25 / 60.0 + 29.52440 / 3600,
            0,
            Instant.EPOCH,
            Instant.EPOCH);
    EventExtent buninyong =
        new EventExtent(
            -(37 + 39 / 60.0 + 10.15610 / 3600),
            143 + 55 / 60.0 + 35.38390 / 3600,
            0,
            Instant.EPOCH,
            Instant.EPOCH);
    assertThat(EventTokens.distanceMetres(flinders, buninyong))
        .isCloseTo(54_972.271, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void tokens_acrossTheAntimeridianAndNearThePole_stillIntersect() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    EventExtent east = new EventExtent(10, 179.999, 100, t, t.plusSeconds(3600));
    EventExtent west = new EventExtent(10, -179.999, 100, t, t.plusSeconds(3600));
    assertThat(TOKENS.conflicts(east, west)).isTrue();
    assertThat(intersection(east, west)).isNotEmpty();
    EventExtent pole1 = new EventExtent(89.999, 0, 100, t, t.plusSeconds(3600));
    EventExtent pole2 = new EventExtent(89.999, 180, 100, t, t.plusSeconds(3600));
    assertThat(TOKENS.conflicts(pole1, pole2)).isTrue();
    assertThat(intersection(pole1, pole2)).isNotEmpty();
  }

  @Property(tries = 400)
  void tokens_exactConflictImpliesSharedToken(@ForAll("pairs") EventExtent[] pair) {
    boolean conflict = TOKENS.conflicts(pair[0], pair[1]);
    Statistics.collect(conflict ? "conflict" : "no conflict");
    if (conflict) {
      assertThat(intersection(pair[0], pair[1])).isNotEmpty();
    }
  }

  @Provide
  Arbitrary<EventExtent[]> pairs() {
    Arbitrary<Double> lat = Arbitraries.doubles().between(-85, 85).ofScale(6);
    Arbitrary<Double> lon = Arbitraries.doubles().between(-180, 180).ofScale(6);
    Arbitrary<Double> radius = Arbitraries.doubles().between(0, 2_000);
    Arbitrary<Double> bearing = Arbitraries.doubles().between(0, 6.2831).ofScale(4);
    Arbitrary<Double> distanceFactor = Arbitraries.doubles().between(0, 1.3).ofScale(4);
    Arbitrary<Long> startMinutes = Arbitraries.longs().between(0, 60L * 24 * 365);
    Arbitrary<Long> durations = Arbitraries.longs().between(0, 12 * 60);
    Arbitrary<Long> offsetMinutes = Arbitraries.longs().between(-15 * 60, 15 * 60);
    return Combinators.combine(
            lat,
            lon,
            radius,
            radius,
            bearing,
            distanceFactor,
            Combinators.combine(startMinutes, durations, durations, offsetMinutes)
                .as((a, b, c, d) -> new long[] {a, b, c, d}))
        .as((la, lo, r1, r2, b, f, t) -> pair(la, lo, r1, r2, b, f, t));
  }

  private static EventExtent[] pair(
      double lat, double lon, double r1, double r2, double bearing, double factor, long[] t) {
    double d = factor * (r1 + r2 + 500);
    double lat2 = Math.max(-89.9, Math.min(89.9, lat + d * Math.cos(bearing) / 110_574.0));
    double lon2 = lon + d * Math.sin(bearing) / (111_320.0 * Math.cos(Math.toRadians(lat)));
    lon2 = ((lon2 + 180) % 360 + 360) % 360 - 180;
    Instant s1 = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofMinutes(t[0]));
    Instant s2 = s1.plus(Duration.ofMinutes(t[3]));
    return new EventExtent[] {
      new EventExtent(lat, lon, r1, s1, s1.plus(Duration.ofMinutes(t[1]))),
      new EventExtent(lat2, lon2, r2, s2, s2.plus(Duration.ofMinutes(t[2])))
    };
  }

  @Test
  void tokens_seededPairsNearTheConflictBoundary_neverMissAConflict() {
    java.util.Random random = new java.util.Random(42);
    int conflicts = 0;
    for (int i = 0; i < 3_000; i++) {
      EventExtent[] p =
          pair(
              -85 + 170 * random.nextDouble(),
              -180 + 360 * random.nextDouble(),
              2_000 * random.nextDouble(),
              2_000 * random.nextDouble(),
              2 * Math.PI * random.nextDouble(),
              0.9 + 0.15 * random.nextDouble(),
              new long[] {
                random.nextInt(500_000),
                random.nextInt(720),
                random.nextInt(720),
                random.nextInt(1_800) - 900
              });
      if (TOKENS.conflicts(p[0], p[1])) {
        conflicts++;
        assertThat(intersection(p[0], p[1])).as("pair %d", i).isNotEmpty();
      }
    }
    assertThat(conflicts).isGreaterThan(300);
  }

  private static Set<EventToken> intersection(EventExtent a, EventExtent b) {
    Set<EventToken> s = new HashSet<>(TOKENS.tokens(a));
    s.retainAll(TOKENS.tokens(b));
    return s;
  }

  private static double metresToLat(double m) {
    return m / 110_760.0;
  }

  @Test
  void distanceMetres_nearlyAntipodalPointsConvergeToKarneysReference() {
    // Karney, "Algorithms for geodesics" (2013), the nearly antipodal example where Vincenty's
    // iteration fails: (0, 0) to (0.5, 179.5) is 19,936,288.579 m
    assertThat(Geodesic.distanceMetres(0, 0, 0.5, 179.5)).isCloseTo(19_936_288.579, within(0.001));
  }
}
