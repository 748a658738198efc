package org.liaison.node.identifiers;

import java.util.Set;

/** Vehicle identification numbers (ISO 3779) and the North-American check digit (49 CFR 565). */
final class Vins {
  private static final int[] WEIGHT = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
  private static final Set<String> CHECK_DIGIT_COUNTRIES = Set.of("US", "CA", "MX");

  private Vins() {}

  static String normalize(String raw, String country) {
    String vin = raw.trim().toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s\\-.]", "");
    if (vin.length() != 17) {
      throw new InvalidIdentifierException(
          "VIN " + raw.trim() + " has " + vin.length() + " characters; a VIN has 17");
    }
    if (!vin.matches("[A-HJ-NPR-Z0-9]{17}")) {
      throw new InvalidIdentifierException(
          "VIN "
              + vin
              + " contains a character a VIN cannot have (only A-Z and 0-9, never I, O or Q)");
    }
    if (northAmerican(vin, country)) {
      char expected = checkDigit(vin);
      if (vin.charAt(8) != expected) {
        throw new InvalidIdentifierException(
            "VIN "
                + vin
                + " fails its check digit: position 9 is "
                + vin.charAt(8)
                + ", the other characters give "
                + expected);
      }
    }
    return vin;
  }

  /**
   * World manufacturer identifiers 1-5 are North American; vehicles sold there carry the digit too.
   * Without a country ({@code null}) only the manufacturer's region counts.
   */
  private static boolean northAmerican(String vin, String country) {
    char region = vin.charAt(0);
    return (region >= '1' && region <= '5')
        || (country != null && CHECK_DIGIT_COUNTRIES.contains(country));
  }

  static char checkDigit(String vin) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += value(vin.charAt(i)) * WEIGHT[i];
    }
    int remainder = sum % 11;
    return remainder == 10 ? 'X' : (char) ('0' + remainder);
  }

  private static int value(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    // ISO 3779 transliteration: letters take the values 1-9 in runs, skipping I, O and Q.
    return switch (c) {
      case 'A', 'J' -> 1;
      case 'B', 'K', 'S' -> 2;
      case 'C', 'L', 'T' -> 3;
      case 'D', 'M', 'U' -> 4;
      case 'E', 'N', 'V' -> 5;
      case 'F', 'W' -> 6;
      case 'G', 'P', 'X' -> 7;
      case 'H', 'Y' -> 8;
      case 'R', 'Z' -> 9;
      default -> throw new InvalidIdentifierException("'" + c + "' cannot appear in a VIN");
    };
  }
}
