package org.liaison.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a process still uses after a full collection, read with {@code jcmd PID GC.run} then
 * {@code GC.heap_info}: what the process retains, which must not grow over a soak.
 */
public final class HeapAfterGc {
  private static final Pattern USED =
      Pattern.compile(
          "^\\s*(def new generation|tenured generation|garbage-first heap|PSYoungGen|ParOldGen)"
              + "\\s+total \\d+K, used (\\d+)K",
          Pattern.MULTILINE);

  private HeapAfterGc() {}

  /** KiB of heap in use after a full GC, or -1 when the process cannot be asked. */
  public static long kib(long pid) {
    try {
      jcmd(pid, "GC.run");
      String info = jcmd(pid, "GC.heap_info");
      Matcher m = USED.matcher(info);
      long used = 0;
      boolean found = false;
      while (m.find()) {
        used += Long.parseLong(m.group(2));
        found = true;
      }
      return found ? used : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("jcmd " + pid + " " + command + " did not finish");
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
