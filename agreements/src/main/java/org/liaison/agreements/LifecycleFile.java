package org.liaison.agreements;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and writes {@code <id>.status.yaml}: a list of lifecycle events, oldest first. The file is
 * local to the agency (not signed); an unreadable file counts as "suspended" so that a damaged
 * status never puts an agreement back in force.
 */
final class LifecycleFile {
  private LifecycleFile() {}

  static Path path(Path dir, String id) {
    return dir.resolve(id + ".status.yaml");
  }

  /** The events, or an error sentence when the file exists but cannot be read. */
  static Read read(Path file) {
    if (!Files.exists(file)) {
      return new Read(List.of(), null);
    }
    try {
      Object doc =
          new Yaml(new SafeConstructor(new LoaderOptions()))
              .load(Files.readString(file, StandardCharsets.UTF_8));
      List<LifecycleEvent> events = new ArrayList<>();
      if (doc instanceof Map<?, ?> m && m.get("events") instanceof List<?> l) {
        for (Object o : l) {
          if (!(o instanceof Map<?, ?> e)) {
            return new Read(List.of(), file.getFileName() + ": each event must be a mapping");
          }
          events.add(
              new LifecycleEvent(
                  LifecycleEvent.Action.valueOf(String.valueOf(e.get("action"))),
                  String.valueOf(e.get("by")),
                  Instant.parse(String.valueOf(e.get("at"))),
                  e.get("why") == null ? "" : String.valueOf(e.get("why"))));
        }
        return new Read(events, null);
      }
      return new Read(List.of(), file.getFileName() + ": expected 'events:' with a list");
    } catch (IOException | YAMLException | IllegalArgumentException | DateTimeParseException e) {
      return new Read(List.of(), file.getFileName() + " is unreadable: " + e.getMessage());
    }
  }

  static void write(Path file, String id, List<LifecycleEvent> events) throws IOException {
    List<Map<String, Object>> list = new ArrayList<>();
    for (LifecycleEvent e : events) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("action", e.action().name());
      m.put("by", e.by());
      m.put("at", e.at().toString());
      m.put("why", e.why());
      list.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", id);
    doc.put("events", list);
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    String text =
        "# local lifecycle of agreement "
            + id
            + " (not signed; written by `agreement suspend|resume|terminate`)\n"
            + new Yaml(o).dump(doc);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  record Read(List<LifecycleEvent> events, String error) {}
}
