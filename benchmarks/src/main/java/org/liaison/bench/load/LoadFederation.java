package org.liaison.bench.load;

import java.time.Duration;
import org.liaison.cluster.Federation;

/** What every load tool that starts a federation of real processes does the same way. */
public final class LoadFederation {
  private LoadFederation() {}

  /**
   * How long to wait for the processes to be ready: {@code -Dliaison.load.start-timeout-s}, else
   * the tool's own default (a machine busy with other builds starts the processes slowly).
   */
  public static Duration startTimeout(long defaultSeconds) {
    return Duration.ofSeconds(Long.getLong("liaison.load.start-timeout-s", defaultSeconds));
  }

  /** The line a load tool prints once its federation is up. */
  public static String readyLine(Federation f) {
    return String.format(
        "federation of %d agencies ready in %.1f s",
        f.agencies().size(), f.startupTime().toMillis() / 1000.0);
  }

  /** The load driver (this process) and every node and gateway of {@code f}, by agency and role. */
  public static ProcessCpu processes(Federation f) {
    ProcessCpu cpu = new ProcessCpu().add("load driver", ProcessHandle.current().pid());
    for (String agency : f.agencies()) {
      cpu.add(agency + "/node", f.node(agency).pid())
          .add(agency + "/gateway", f.gateway(agency).pid());
    }
    return cpu;
  }
}
