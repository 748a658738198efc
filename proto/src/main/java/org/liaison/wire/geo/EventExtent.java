package org.liaison.wire.geo;

import java.time.Instant;
import java.util.Objects;

/**
 * Where and when a planned enforcement event takes place, as de-confliction sees it: a disc (WGS84
 * centre and radius) and a time window {@code [start, end]}.
 */
public record EventExtent(
    double latitude, double longitude, double radiusMetres, Instant start, Instant end) {
  /** The largest radius accepted; bigger areas must be split so token counts stay bounded. */
  public static final double MAX_RADIUS_METRES = 10_000;

  public EventExtent {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException(
          "latitude must be in [-90, 90] and longitude in [-180, 180] degrees");
    }
    if (!(radiusMetres >= 0 && radiusMetres <= MAX_RADIUS_METRES)) {
      throw new IllegalArgumentException(
          "radius must be between 0 and " + MAX_RADIUS_METRES + " metres; split larger areas");
    }
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("the operation window ends before it starts");
    }
  }
}
