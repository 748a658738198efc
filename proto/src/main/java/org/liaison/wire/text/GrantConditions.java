package org.liaison.wire.text;

import java.util.List;

/**
 * The conditions an agency attaches when it grants consent or approves a request for information,
 * as the caveat that travels with the record it let go: {@code CONDITIONS:us.cbp="analytical use
 * only"}. One definition for the node that attaches it and for the CLI and console that show it.
 */
public final class GrantConditions {
  static final String PREFIX = "CONDITIONS:";

  private GrantConditions() {}

  /** The caveat for the grantor's conditions; none when the grant had no conditions. */
  public static List<String> caveats(String grantor, String conditions) {
    if (conditions == null || conditions.isBlank()) {
      return List.of();
    }
    String text = conditions.strip().replace('"', '\'').replaceAll("\\s+", " ");
    return List.of(PREFIX + grantor + "=\"" + text + "\"");
  }

  /** True for a caveat that carries a grant's conditions. */
  public static boolean isConditions(String caveat) {
    return caveat.startsWith(PREFIX);
  }
}
