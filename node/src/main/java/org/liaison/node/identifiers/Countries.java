package org.liaison.node.identifiers;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the country or region argument: an ISO 3166 alpha-2 or alpha-3 code ("US", "RUS"), or an
 * agency id whose first part is the country ("us.dea" means US, "ru.skr" means RU).
 */
final class Countries {
  private static final Set<String> ALPHA2 = Set.of(Locale.getISOCountries());
  private static final Map<String, String> ALPHA3_TO_ALPHA2 = alpha3Table();

  private Countries() {}

  /** The alpha-2 code, or {@code null} when the argument is null or blank. */
  static String resolve(String countryOrRegion) {
    if (countryOrRegion == null || countryOrRegion.isBlank()) {
      return null;
    }
    String s = countryOrRegion.trim();
    int dot = s.indexOf('.');
    if (dot > 0) {
      s = s.substring(0, dot);
    }
    String upper = s.toUpperCase(Locale.ROOT);
    if (upper.equals("UK")) {
      return "GB";
    }
    if (ALPHA2.contains(upper)) {
      return upper;
    }
    String fromAlpha3 = ALPHA3_TO_ALPHA2.get(upper);
    if (fromAlpha3 != null) {
      return fromAlpha3;
    }
    throw new InvalidIdentifierException(
        "'"
            + countryOrRegion
            + "' is not an ISO 3166 country code nor an agency id such as us.dea");
  }

  private static Map<String, String> alpha3Table() {
    Map<String, String> table = new HashMap<>();
    for (String alpha2 : Locale.getISOCountries()) {
      table.put(new Locale("", alpha2).getISO3Country(), alpha2);
    }
    return table;
  }
}
