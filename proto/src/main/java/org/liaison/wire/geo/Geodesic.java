package org.liaison.wire.geo;

import net.sf.geographiclib.GeodesicMask;

/**
 * The one distance on the Earth used by Liaison: the geodesic on the WGS84 ellipsoid, solved by
 * GeographicLib (Karney's algorithm: accurate to nanometres and converging for every pair of
 * points, nearly antipodal ones included).
 */
public final class Geodesic {
  private Geodesic() {}

  /** Geodesic distance in metres between two points given in degrees. */
  public static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
    return net.sf.geographiclib.Geodesic.WGS84.Inverse(
            lat1, lon1, lat2, lon2, GeodesicMask.DISTANCE)
        .s12;
  }
}
