package org.liaison.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU a set of processes used, split into their JIT compiler threads (C1/C2) and all their
 * other threads, read from Linux's {@code /proc/<pid>/stat} and {@code
 * /proc/<pid>/task/<tid>/stat}: what JFR's execution samples leave out (decision 0055). The same
 * definition as {@code benchmarks/jfr/threads.py}: the process's total counts threads that have
 * ended; the compilers' count is their live threads'.
 */
public final class ProcessCpu {
  /** Linux's USER_HZ, the unit of the stat files' times: 100 on every kernel this runs on. */
  private static final double TICKS_PER_SECOND = 100;

  /** CPU seconds of a process's compiler threads and of the rest. */
  public record Seconds(double compilers, double other) {
    public Seconds minus(Seconds before) {
      return new Seconds(compilers - before.compilers, other - before.other);
    }

    public double total() {
      return compilers + other;
    }
  }

  private final Map<String, Long> pids = new LinkedHashMap<>();

  /** Adds a process under the name it is printed with. */
  public ProcessCpu add(String name, long pid) {
    pids.put(name, pid);
    return this;
  }

  /** Each process's CPU so far, by name; zero for one that is gone or not on Linux. */
  public Map<String, Seconds> now() {
    Map<String, Seconds> out = new LinkedHashMap<>();
    pids.forEach((name, pid) -> out.put(name, of(pid)));
    return out;
  }

  /** What each process used between two {@link #now} readings. */
  public static Map<String, Seconds> between(
      Map<String, Seconds> before, Map<String, Seconds> after) {
    Map<String, Seconds> out = new LinkedHashMap<>();
    after.forEach(
        (name, s) -> out.put(name, s.minus(before.getOrDefault(name, new Seconds(0, 0)))));
    return out;
  }

  static Seconds of(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      double total = seconds(Files.readString(proc.resolve("stat")));
      double compilers = 0;
      try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
        for (Path task : (Iterable<Path>) tasks::iterator) {
          String stat;
          try {
            stat = Files.readString(task.resolve("stat"));
          } catch (IOException ended) {
            continue;
          }
          if (name(stat).contains("CompilerThre")) {
            compilers += seconds(stat);
          }
        }
      }
      return new Seconds(compilers, total - compilers);
    } catch (IOException | RuntimeException e) {
      return new Seconds(0, 0);
    }
  }

  /** The thread's name: between the first '(' and the last ')' (a name may hold either). */
  private static String name(String stat) {
    return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  }

  /** utime + stime, the 14th and 15th fields (the 12th and 13th after the name). */
  private static double seconds(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
  }
}
