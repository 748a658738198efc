package org.liaison.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The files a federation writes for each agency besides its PKI: seed records, officers. */
final class AgencyFiles {

  private AgencyFiles() {}

  /**
   * The node's officer directory: officer-1 holds the roles the reference agreements and the demo
   * ask in (not SUPERVISOR, so a test can ask in a role not held).
   */
  static Path officerDirectory(Path agencyDir) {
    Path file = agencyDir.resolve(Federation.NODE).resolve(Federation.OFFICER_DIRECTORY);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          "# officer = roles (docs/security-model.md, \"Officers\")\n"
              + "officer-1 = CASE_AGENT, INVESTIGATOR, ANALYST\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the officer directory " + file, e);
    }
    return file;
  }

  /**
   * The reference records (if on) and the extra seeds of the agency, in one file, or none. A clone
   * of {@code template} (null: not a clone) gets the template's records under its own id.
   */
  static Optional<Path> seedFile(
      String agency,
      Path agencyDir,
      String template,
      boolean seedReferenceRecords,
      List<String> extraSeeds) {
    List<String> resources = new ArrayList<>();
    if (seedReferenceRecords) {
      resources.add("/reference/records/" + (template != null ? template : agency) + ".jsonl");
    }
    resources.addAll(extraSeeds);
    Path target = agencyDir.resolve("records.jsonl");
    boolean any = false;
    try {
      Files.createDirectories(agencyDir);
      Files.deleteIfExists(target);
      for (String resource : resources) {
        try (InputStream in = Federation.class.getResourceAsStream(resource)) {
          if (in == null) {
            if (extraSeeds.contains(resource)) {
              throw new IllegalArgumentException(
                  "The extra seed " + resource + " for " + agency + " is not on the classpath.");
            }
            continue;
          }
          byte[] lines = in.readAllBytes();
          if (template != null) {
            lines = ClonedAgencies.records(template, agency, lines);
          }
          Files.write(target, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          if (lines.length > 0 && lines[lines.length - 1] != '\n') {
            Files.write(target, new byte[] {'\n'}, StandardOpenOption.APPEND);
          }
          any = true;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the seed records of " + agency, e);
    }
    return any ? Optional.of(target) : Optional.empty();
  }

  static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + from + " to " + to, e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clear " + dir, e);
    }
  }
}
