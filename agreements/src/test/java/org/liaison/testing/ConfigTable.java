package org.liaison.testing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys of a {@link ConfigMapping} interface with their defaults, and the configuration table of
 * {@code docs/runbook.md}, so a test can hold one to the other. The node's and the gateway's checks
 * both use it: it ships in the agreements test-jar, the one test-jar both depend on.
 */
public final class ConfigTable {
  public static final String NO_DEFAULT = "-";

  private static final Pattern ROW =
      Pattern.compile("^\\| `([^`]+)`(?:, `[^`]+`)* \\| ([^|]+) \\| (`([^`]*)`|[^|]*) \\|");

  private ConfigTable() {}

  /** Every key of the mapping ({@code <name>} for a map's keys) to its default or {@code -}. */
  public static Map<String, String> keysOf(Class<?> mapping) {
    Map<String, String> keys = new TreeMap<>();
    walk(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys);
    return keys;
  }

  /** The runbook's table rows for one process: key to the default column. */
  public static Map<String, String> runbook(String process) throws IOException {
    Path runbook = repository().resolve("docs/runbook.md");
    Map<String, String> rows = new TreeMap<>();
    for (String line : Files.readAllLines(runbook)) {
      Matcher m = ROW.matcher(line);
      if (m.find() && m.group(2).contains(process)) {
        rows.put(m.group(1), m.group(4) != null ? m.group(4) : m.group(3).trim());
      }
    }
    return rows;
  }

  private static void walk(String prefix, Class<?> type, Map<String, String> keys) {
    for (Method m : type.getMethods()) {
      if (m.getParameterCount() > 0 || Modifier.isStatic(m.getModifiers()) || m.isDefault()) {
        continue;
      }
      WithName name = m.getAnnotation(WithName.class);
      String key = prefix + "." + (name != null ? name.value() : kebab(m.getName()));
      Class<?> returned = m.getReturnType();
      if (returned.isInterface() && returned.getEnclosingClass() != null) {
        walk(key, returned, keys);
      } else if (Map.class.isAssignableFrom(returned)) {
        keys.put(key + ".<" + lastSegment(key) + ">", NO_DEFAULT);
      } else {
        WithDefault def = m.getAnnotation(WithDefault.class);
        keys.put(key, def != null ? def.value() : NO_DEFAULT);
      }
    }
  }

  /** {@code routes} holds agencies, {@code nodes} node names: the runbook names the placeholder. */
  private static String lastSegment(String key) {
    String last = key.substring(key.lastIndexOf('.') + 1);
    return switch (last) {
      case "routes" -> "agency";
      case "nodes" -> "node";
      default -> last;
    };
  }

  private static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private static Path repository() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("docs/runbook.md"))) {
      dir = dir.getParent();
    }
    return Optional.ofNullable(dir)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "docs/runbook.md not found above " + Path.of("").toAbsolutePath()));
  }
}
