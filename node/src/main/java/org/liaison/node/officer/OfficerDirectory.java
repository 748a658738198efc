package org.liaison.node.officer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import org.liaison.node.config.NodeConfig;
import org.liaison.wire.vocabulary.OfficerRole;
import org.liaison.wire.vocabulary.Vocabulary;

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

  /** The officer's roles that are in the vocabulary; others are left out, and said so. */
  private static Set<String> roles(Path f, String officer, String listed) {
    Set<String> held = new java.util.TreeSet<>();
    for (String code : listed.split(",")) {
      if (code.isBlank()) {
        continue;
      }
      Optional<OfficerRole> role = Vocabulary.officerRole(code);
      if (role.isPresent()) {
        held.add(role.get().name());
      } else {
        LOG.warnf(
            "officer directory %s: %s is given the role '%s', which is not one of %s; ignored",
            f, officer, code.strip(), Vocabulary.codes(OfficerRole.class));
      }
    }
    return Set.copyOf(held);
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
        read.put(officer.strip(), roles(f, officer.strip(), p.getProperty(officer)));
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
