package org.liaison.wire.geo;

/**
 * Distance on the WGS84 ellipsoid by Vincenty's inverse formula (sub-millimetre accuracy). For
 * nearly antipodal points, where the iteration may not converge, it falls back to the great-circle
 * distance: such points are thousands of kilometres apart, far beyond any de-confliction threshold,
 * so the fallback cannot change a decision.
 */
final class Geodesic {
  private static final double A = 6_378_137.0;
  private static final double F = 1 / 298.257223563;
  private static final double B = A * (1 - F);
  private static final double MEAN_RADIUS = 6_371_008.8;

  private Geodesic() {}

  static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
    double l = StrictMath.toRadians(lon2 - lon1);
    double u1 = StrictMath.atan((1 - F) * StrictMath.tan(StrictMath.toRadians(lat1)));
    double u2 = StrictMath.atan((1 - F) * StrictMath.tan(StrictMath.toRadians(lat2)));
    double sinU1 = StrictMath.sin(u1);
    double cosU1 = StrictMath.cos(u1);
    double sinU2 = StrictMath.sin(u2);
    double cosU2 = StrictMath.cos(u2);
    double lambda = l;
    for (int i = 0; i < 200; i++) {
      double sinLambda = StrictMath.sin(lambda);
      double cosLambda = StrictMath.cos(lambda);
      double sinSigma =
          StrictMath.sqrt(
              StrictMath.pow(cosU2 * sinLambda, 2)
                  + StrictMath.pow(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda, 2));
      if (sinSigma == 0) {
        return 0;
      }
      double cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
      double sigma = StrictMath.atan2(sinSigma, cosSigma);
      double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
      double cos2Alpha = 1 - sinAlpha * sinAlpha;
      double cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cos2Alpha;
      double c = F / 16 * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
      double previous = lambda;
      lambda =
          l
              + (1 - c)
                  * F
                  * sinAlpha
                  * (sigma
                      + c
                          * sinSigma
                          * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
      if (StrictMath.abs(lambda - previous) < 1e-12) {
        double uSq = cos2Alpha * (A * A - B * B) / (B * B);
        double bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        double bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        double deltaSigma =
            bigB
                * sinSigma
                * (cos2SigmaM
                    + bigB
                        / 4
                        * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                            - bigB
                                / 6
                                * cos2SigmaM
                                * (-3 + 4 * sinSigma * sinSigma)
                                * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        return B * bigA * (sigma - deltaSigma);
      }
    }
    return greatCircle(lat1, lon1, lat2, lon2);
  }

  private static double greatCircle(double lat1, double lon1, double lat2, double lon2) {
    double p1 = StrictMath.toRadians(lat1);
    double p2 = StrictMath.toRadians(lat2);
    double dp = p2 - p1;
    double dl = StrictMath.toRadians(lon2 - lon1);
    double h =
        StrictMath.pow(StrictMath.sin(dp / 2), 2)
            + StrictMath.cos(p1) * StrictMath.cos(p2) * StrictMath.pow(StrictMath.sin(dl / 2), 2);
    return 2 * MEAN_RADIUS * StrictMath.asin(StrictMath.min(1, StrictMath.sqrt(h)));
  }
}
