package org.liaison.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.liaison.cluster.Federation;

/** What every load tool that starts a federation of real processes does the same way. */
public final class LoadFederation {
  /** The reference agreement the load tools' queries and checks from us.ice to us.dea run under. */
  public static final String AGREEMENT = "dea-ice-xdes-2009";

  private static final List<Map.Entry<String, String>> LOAD_QUOTAS =
      List.of(
          Map.entry("queries_per_day: 20000", "queries_per_day: 2000000"),
          Map.entry(
              "deconfliction_probes_per_day: 50000", "deconfliction_probes_per_day: 5000000"));

  private LoadFederation() {}

  /**
   * A load run's copy of {@link #AGREEMENT}, for {@code Federation.Builder.agreementEdit}: its
   * daily quotas (20,000 queries, 50,000 probes) are less than a soak's half hour or a load tool's
   * warm-up and measurement ask, and us.dea then refuses the rest with QUOTA_EXHAUSTED, as the
   * agreement says it must. A load run measures the system, not the agreement, so its copy allows
   * 100 times as many.
   */
  public static String loadQuotas(String agreementText) {
    String out = agreementText;
    for (Map.Entry<String, String> quota : LOAD_QUOTAS) {
      if (!out.contains(quota.getKey())) {
        throw new IllegalStateException(
            AGREEMENT + " no longer says \"" + quota.getKey() + "\"; update the load quota edit.");
      }
      out = out.replace(quota.getKey(), quota.getValue());
    }
    return out;
  }

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
