package org.liaison.wire.envelope;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.liaison.wire.journal.GroupForcedFile;

/**
 * The accepted message ids of a {@link ReplayGuard} on disk: one line per id, {@code <id>
 * <forget-at-ms>}. An id is accepted only once its line is on stable storage (fsync), so neither a
 * crash of the process nor a power cut lets its envelope be replayed. The fsyncs of concurrent
 * messages are grouped, as the audit log's commits are: the first waiting thread forces every line
 * written so far, the others wait for it, so one fsync covers many ids under load (decision 0019).
 * Lines whose time has passed are dropped when the file is rewritten (to a temporary file, forced,
 * then renamed), which happens once it holds twice as many lines as live ids (and at least {@value
 * #MIN_COMPACT} lines), so the file stays bounded by the ids of one envelope lifetime. A torn last
 * line (a crash mid-write) is ignored: its envelope was never accepted.
 */
final class ReplayJournal {
  private static final Logger LOG = Logger.getLogger(ReplayJournal.class.getName());
  static final int MIN_COMPACT = 10_000;

  private final Path file;
  private final Clock clock;
  private int lines;
  private GroupForcedFile out;

  /**
   * A write or force failed (disk full, read-only or failing): lines written since the last force
   * may be lost, and the channel may point at a file system that was unmounted since. Set until
   * {@link #recover} has written every live id to the file again.
   */
  private volatile boolean broken;

  private ReplayJournal(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  static ReplayJournal open(Path file, Clock clock) throws IOException {
    ReplayJournal j = new ReplayJournal(file, clock);
    Map<String, Long> live = j.read();
    j.out = GroupForcedFile.open(file, text(live));
    j.lines = live.size();
    return j;
  }

  /** The ids that have not aged out, with their forget-at time. */
  Map<String, Long> live() throws IOException {
    return read();
  }

  private Map<String, Long> read() throws IOException {
    Map<String, Long> live = new HashMap<>();
    if (!Files.exists(file)) {
      return live;
    }
    long now = clock.millis();
    List<String> all = Files.readAllLines(file, StandardCharsets.US_ASCII);
    for (String line : all) {
      int space = line.indexOf(' ');
      if (space <= 0) {
        continue;
      }
      try {
        long at = Long.parseLong(line.substring(space + 1).trim());
        if (at >= now) {
          live.put(line.substring(0, space), at);
        }
      } catch (NumberFormatException torn) {
        // a line cut short by a crash: its envelope was never accepted
      }
    }
    return live;
  }

  /**
   * Writes one id (not yet forced); called under the guard's lock. Returns the line's sequence
   * number for {@link #awaitDurable}, or -1 if it could not be written (the caller refuses).
   */
  long append(String id, long forgetAtMs) {
    try {
      long seq = out.append((id + ' ' + forgetAtMs + '\n').getBytes(StandardCharsets.US_ASCII));
      lines++;
      return seq;
    } catch (IOException e) {
      broken = true;
      LOG.warning("cannot record message id in " + file + ": " + e.getMessage());
      return -1;
    }
  }

  /**
   * Returns once line {@code seq} is on stable storage (true), or false if forcing it failed (the
   * caller then refuses the envelope). Called without the guard's lock, so other messages are
   * written meanwhile and share the next fsync.
   */
  boolean awaitDurable(long seq) {
    try {
      out.awaitDurable(seq);
      return true;
    } catch (InterruptedIOException e) {
      return false;
    } catch (IOException e) {
      broken = true;
      LOG.warning("cannot force the replay journal " + file + ": " + e.getMessage());
      return false;
    }
  }

  /**
   * After a failed write or force, writes every live id to a new file (forced, then renamed over
   * the old one, reopened), so that the journal works again once the disk does, without a restart,
   * and loses no id it had accepted. Returns whether the journal is usable; called under the
   * guard's lock with the ids it remembers.
   */
  boolean recover(Map<String, Long> live) {
    if (!broken) {
      return true;
    }
    try {
      compact(live);
      broken = false;
      LOG.info("the replay journal " + file + " is written again, with " + live.size() + " ids");
      return true;
    } catch (IOException e) {
      LOG.warning("cannot write the replay journal " + file + " again: " + e);
      return false;
    }
  }

  /** How many fsyncs were made (the grouping test reads it). */
  long forces() {
    return out.forces();
  }

  void compactIfWorthIt(Map<String, Long> live) {
    if (lines < MIN_COMPACT || lines < 2 * live.size()) {
      return;
    }
    try {
      compact(live);
    } catch (IOException e) {
      // the old file is intact (the rewrite goes to a temporary file first); appends go on
      LOG.warning("cannot rewrite the replay journal " + file + ": " + e.getMessage());
      lines = 0;
      try {
        out.reopenIfClosed();
      } catch (IOException again) {
        LOG.warning("cannot reopen the replay journal " + file + ": " + again.getMessage());
      }
    }
  }

  /** Called under the guard's lock (or before the guard is in use). */
  private void compact(Map<String, Long> live) throws IOException {
    out.rewrite(text(live));
    lines = live.size();
  }

  private static byte[] text(Map<String, Long> live) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Long> e : live.entrySet()) {
      text.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
