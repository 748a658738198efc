package org.liaison.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's load average, printed beside timings: figures taken while others build are noisy.
 */
public final class LoadAverage {
  private LoadAverage() {}

  /** {@code /proc/loadavg} as it stands (1, 5 and 15 minutes, tasks, last pid), or "unknown". */
  public static String full() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** "load" and the 1, 5 and 15 minute averages, or "load unknown". */
  public static String averages() {
    String[] fields = full().split(" ");
    return fields.length < 3
        ? "load unknown"
        : "load " + fields[0] + " " + fields[1] + " " + fields[2];
  }
}
