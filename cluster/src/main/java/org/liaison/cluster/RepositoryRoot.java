package org.liaison.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Liaison repository root: {@code -Dliaison.repo.root}, or the nearest folder up with the root
 * pom.
 */
public final class RepositoryRoot {

  private RepositoryRoot() {}

  public static Path find() {
    String configured = System.getProperty("liaison.repo.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      Path pom = p.resolve("pom.xml");
      if (Files.isRegularFile(pom) && isRootPom(pom)) {
        return p;
      }
    }
    throw new IllegalStateException(
        "Cannot find the Liaison repository root above "
            + start
            + " (a folder whose pom.xml is liaison-parent); run from inside the repository or set -Dliaison.repo.root.");
  }

  private static boolean isRootPom(Path pom) {
    try {
      String text = Files.readString(pom);
      // module poms name liaison-parent as their parent; only the root lists the modules
      return text.contains("<artifactId>liaison-parent</artifactId>") && text.contains("<modules>");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + pom, e);
    }
  }
}
