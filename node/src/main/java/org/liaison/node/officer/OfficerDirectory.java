package org.liaison.node.officer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;

/**
 * The roles this agency's officers hold, kept by the node (decision 0013): one line per officer,
 * {@code officer-1 = CASE_AGENT, INVESTIGATOR}, keyed by the officer name in the certificate. The
 * file is read again when it changes, so an assignment takes effect on the officer's next request
 * without a new certificate. No file, or an officer not in it: no roles.
 */
@ApplicationScoped
public class OfficerDirectory {
  private static final Logger LOG = Logger.getLogger(OfficerDirectory.class);

  private final Optional<Path> file;
  private FileTime readAt;
  private Map<String, Set<String>> roles = Map.of();

  @Inject
  public OfficerDirectory(NodeConfig config) {
    this(config.officers().file());
  }

  public OfficerDirectory(Optional<Path> file) {
    this.file = file;
  }

  /** The roles the named officer holds, upper case; empty when none are on record. */
  public synchronized Set<String> rolesOf(String officer) {
    refresh();
    return roles.getOrDefault(officer, Set.of());
  }

  private void refresh() {
    if (file.isEmpty()) {
      return;
    }
    Path f = file.get();
    try {
      FileTime modified = Files.getLastModifiedTime(f);
      if (modified.equals(readAt)) {
        return;
      }
      Properties p = new Properties();
      try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        p.load(in);
      }
      Map<String, Set<String>> read = new TreeMap<>();
      for (String officer : p.stringPropertyNames()) {
        read.put(
            officer.strip(),
            Arrays.stream(p.getProperty(officer).split(","))
                .map(r -> r.strip().toUpperCase(Locale.ROOT))
                .filter(r -> !r.isEmpty())
                .collect(Collectors.toUnmodifiableSet()));
      }
      roles = Map.copyOf(read);
      readAt = modified;
    } catch (IOException e) {
      // fail closed: an unreadable directory grants no role
      LOG.warnf("cannot read the officer directory %s (%s); no officer holds a role", f, e);
      roles = Map.of();
      readAt = null;
    }
  }
}
