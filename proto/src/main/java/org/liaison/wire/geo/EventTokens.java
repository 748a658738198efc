package org.liaison.wire.geo;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Turns an {@link EventExtent} into the "grid cell x time bucket" tokens that event de-confliction
 * matches privately, and decides real conflicts exactly.
 *
 * <p>Guarantee (no false negatives): if {@link #conflicts(EventExtent, EventExtent)} is true, the
 * two token sets intersect. Each operation covers its disc widened by half the distance buffer and
 * its window widened by half the time buffer; two conflicting operations' widened discs share a
 * point (on the geodesic between the centres) and their widened windows share an instant, and the
 * cell and bucket of that point and instant are in both sets. The disc is covered by a conservative
 * latitude/longitude box (using lower bounds of the WGS84 metres per degree), so tokens may also
 * match operations that do not conflict: those false positives are removed by the exact check on
 * confirmation.
 *
 * <p>Both parties must use the same grid ({@link #GRID_ID}) and the same buffers (set in the
 * agreement).
 */
public final class EventTokens {
  /** Identifies the grid and bucket length; part of every token's PRF input. */
  public static final String GRID_ID = "liaison-grid/v1/lat0.0045deg/500m/30min";

  /** Latitude step of the grid, degrees (about 500 m). */
  static final double LAT_STEP = 0.0045;

  static final int ROWS = (int) Math.ceil(180 / LAT_STEP);

  /** Time bucket length. */
  public static final Duration BUCKET = Duration.ofMinutes(30);

  /** Upper bound on the tokens one operation may produce. */
  public static final int MAX_TOKENS = 200_000;

  // Lower bounds of metres per degree on WGS84: meridional (110 574) and, times cos(lat),
  // along a parallel (111 319). Rounded down for margin.
  private static final double METRES_PER_DEG_LAT_MIN = 110_000;
  private static final double METRES_PER_DEG_LON_MIN = 111_000;
  private static final double MARGIN_METRES = 1;
  private static final double POLAR_CAP_DEG = 89;

  private final double bufferMetres;
  private final Duration bufferTime;

  /**
   * @param bufferMetres extra distance between two discs still counted as a conflict
   * @param bufferTime extra time between two windows still counted as a conflict
   */
  public EventTokens(double bufferMetres, Duration bufferTime) {
    if (!(bufferMetres >= 0 && bufferMetres <= 5_000)) {
      throw new IllegalArgumentException("the distance buffer must be between 0 and 5000 metres");
    }
    Objects.requireNonNull(bufferTime, "bufferTime");
    if (bufferTime.isNegative() || bufferTime.compareTo(Duration.ofHours(24)) > 0) {
      throw new IllegalArgumentException("the time buffer must be between 0 and 24 hours");
    }
    this.bufferMetres = bufferMetres;
    this.bufferTime = bufferTime;
  }

  /** 500 m and 60 minutes. */
  public static EventTokens standard() {
    return new EventTokens(500, Duration.ofMinutes(60));
  }

  /**
   * The tokens of an operation.
   *
   * @throws IllegalArgumentException if the operation would produce more than {@link #MAX_TOKENS}
   *     tokens (split it into smaller areas or shorter windows)
   */
  public Set<EventToken> tokens(EventExtent op) {
    Set<GridCell> cells =
        cells(op.latitude(), op.longitude(), op.radiusMetres() + bufferMetres / 2 + MARGIN_METRES);
    long halfBufferMs = bufferTime.toMillis() / 2 + 1;
    long bucketMs = BUCKET.toMillis();
    long first = Math.floorDiv(op.start().toEpochMilli() - halfBufferMs, bucketMs);
    long last = Math.floorDiv(op.end().toEpochMilli() + halfBufferMs, bucketMs);
    long count = (long) cells.size() * (last - first + 1);
    if (count > MAX_TOKENS) {
      throw new IllegalArgumentException(
          "the operation would produce "
              + count
              + " tokens (limit "
              + MAX_TOKENS
              + "); split it into smaller areas or shorter windows");
    }
    Set<EventToken> out = new LinkedHashSet<>();
    for (GridCell cell : cells) {
      for (long b = first; b <= last; b++) {
        out.add(new EventToken(cell, b));
      }
    }
    return out;
  }

  /**
   * The exact check: geodesic distance between the centres at most the sum of the radii plus the
   * distance buffer, and the windows overlap once widened by the time buffer.
   */
  public boolean conflicts(EventExtent a, EventExtent b) {
    long buf = bufferTime.toMillis();
    boolean timeOverlap =
        a.start().toEpochMilli() <= b.end().toEpochMilli() + buf
            && b.start().toEpochMilli() <= a.end().toEpochMilli() + buf;
    return timeOverlap
        && distanceMetres(a, b) <= a.radiusMetres() + b.radiusMetres() + bufferMetres;
  }

  /** Geodesic (WGS84) distance between the centres of two operations, metres. */
  public static double distanceMetres(EventExtent a, EventExtent b) {
    return Geodesic.distanceMetres(a.latitude(), a.longitude(), b.latitude(), b.longitude());
  }

  /** The cell containing a point. */
  public static GridCell cellOf(double latitude, double longitude) {
    int row = row(latitude);
    int n = columns(row);
    return new GridCell(row, column(longitude, n));
  }

  static Set<GridCell> cells(double lat, double lon, double radius) {
    double dLat = radius / METRES_PER_DEG_LAT_MIN;
    double latMin = Math.max(-90, lat - dLat);
    double latMax = Math.min(90, lat + dLat);
    double poleward = Math.max(Math.abs(latMin), Math.abs(latMax));
    double dLon =
        poleward >= POLAR_CAP_DEG
            ? 360
            : radius / (METRES_PER_DEG_LON_MIN * StrictMath.cos(StrictMath.toRadians(poleward)));
    Set<GridCell> out = new LinkedHashSet<>();
    for (int row = row(latMin); row <= row(latMax); row++) {
      int n = columns(row);
      if (2 * dLon >= 360) {
        for (int c = 0; c < n; c++) {
          out.add(new GridCell(row, c));
        }
        continue;
      }
      int from = column(wrap(lon - dLon), n);
      int to = column(wrap(lon + dLon), n);
      for (int c = from; ; c = (c + 1) % n) {
        out.add(new GridCell(row, c));
        if (c == to) {
          break;
        }
      }
    }
    return out;
  }

  static int row(double latitude) {
    return Math.min(ROWS - 1, (int) Math.floor((latitude + 90) / LAT_STEP));
  }

  /** Columns in a row: cells at least {@link #LAT_STEP} / cos(pole-ward edge) degrees wide. */
  static int columns(int row) {
    double lo = row * LAT_STEP - 90;
    double hi = Math.min(90, lo + LAT_STEP);
    double edge = Math.max(Math.abs(lo), Math.abs(hi));
    return Math.max(
        1, (int) Math.floor(360 * StrictMath.cos(StrictMath.toRadians(edge)) / LAT_STEP));
  }

  static int column(double longitude, int columns) {
    return Math.min(columns - 1, (int) Math.floor((longitude + 180) / (360.0 / columns)));
  }

  private static double wrap(double lon) {
    double w = ((lon + 180) % 360 + 360) % 360 - 180;
    return w == 180 ? -180 : w;
  }
}
