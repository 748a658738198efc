package org.liaison.pki;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One agency to create: its id, its nodes and its officers.
 *
 * <p>Text form: {@code agency[:node,node...[:officer,officer...]]}, for example {@code
 * us.ice:node-1,node-2} or {@code ru.skr:node-1:ivanov,petrov}. Missing or empty parts default to
 * one node {@code node-1} and one officer {@code officer-1}.
 */
public record AgencySpec(String agency, List<String> nodes, List<String> officers) {

  public static final String DEFAULT_NODE = "node-1";
  public static final String DEFAULT_OFFICER = "officer-1";

  private static final Pattern AGENCY_ID =
      Pattern.compile("[a-z][a-z0-9]*(\\.[a-z0-9][a-z0-9-]*)+");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  public AgencySpec {
    requireAgencyId(agency);
    nodes = distinctNames(nodes, "node");
    officers = distinctNames(officers, "officer");
  }

  /** An agency with one node {@code node-1} and one officer {@code officer-1}. */
  public static AgencySpec withDefaults(String agency) {
    return new AgencySpec(agency, List.of(DEFAULT_NODE), List.of(DEFAULT_OFFICER));
  }

  /** Parses {@code agency[:nodes[:officers]]}; see the class comment. */
  public static AgencySpec parse(String text) {
    String[] parts = text.trim().split(":", -1);
    if (parts.length > 3) {
      throw new PkiException(
          PkiException.Kind.BAD_AGENCY_ID,
          "'"
              + text
              + "' is not agency[:node,...[:officer,...]], for example us.ice:node-1,node-2");
    }
    List<String> nodes = parts.length > 1 ? names(parts[1]) : List.of();
    List<String> officers = parts.length > 2 ? names(parts[2]) : List.of();
    return new AgencySpec(
        parts[0],
        nodes.isEmpty() ? List.of(DEFAULT_NODE) : nodes,
        officers.isEmpty() ? List.of(DEFAULT_OFFICER) : officers);
  }

  /** Refuses an agency id that is not lower-case dotted, such as {@code us.ice}. */
  public static String requireAgencyId(String agency) {
    if (agency == null || !AGENCY_ID.matcher(agency).matches()) {
      throw new PkiException(
          PkiException.Kind.BAD_AGENCY_ID,
          "'"
              + agency
              + "' is not an agency id: use lower-case dotted ids such as us.ice or ru.skr");
    }
    return agency;
  }

  /** Refuses a node or officer name that is not {@code [a-z0-9-]+}. */
  public static String requireName(String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new PkiException(
          PkiException.Kind.BAD_NAME,
          "'"
              + name
              + "' is not a "
              + what
              + " name: use lower-case letters, digits and '-', such as "
              + what
              + "-1");
    }
    return name;
  }

  private static List<String> names(String commaSeparated) {
    List<String> out = new ArrayList<>();
    for (String n : commaSeparated.split(",")) {
      if (!n.isBlank()) {
        out.add(n.trim());
      }
    }
    return out;
  }

  private static List<String> distinctNames(List<String> names, String what) {
    if (names == null) {
      return List.of();
    }
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (String n : names) {
      if (!seen.add(requireName(n, what))) {
        throw new PkiException(
            PkiException.Kind.ALREADY_EXISTS, what + " '" + n + "' is named twice");
      }
    }
    return List.copyOf(seen);
  }

  @Override
  public String toString() {
    return agency + ":" + String.join(",", nodes) + ":" + String.join(",", officers);
  }

  static List<String> referenceAgencyIds() {
    return Arrays.asList(
        "us.ice",
        "us.cbp",
        "us.dea",
        "us.fbi",
        "us.atf",
        "us.ocdetf",
        "us.ioc2",
        "ru.skr",
        "ca.rcmp",
        "ca.cbsa");
  }
}
