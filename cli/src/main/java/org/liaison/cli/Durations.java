package org.liaison.cli;

import java.time.Duration;

/** Durations as officers read them: 850 ms, 12.4 s, 3 min 5 s, 2 h 10 min, 3 d 4 h. */
final class Durations {
  private Durations() {}

  static String text(long ms) {
    if (ms < 1000) return ms + " ms";
    if (ms < 60_000) return String.format("%.1f s", ms / 1000.0);
    Duration d = Duration.ofMillis(ms);
    if (ms < 3_600_000) return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    if (ms < 86_400_000) return d.toHours() + " h " + d.toMinutesPart() + " min";
    return d.toDays() + " d " + d.toHoursPart() + " h";
  }
}
