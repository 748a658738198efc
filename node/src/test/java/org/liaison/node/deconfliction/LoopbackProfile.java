package org.liaison.node.deconfliction;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;
import org.liaison.node.deconfliction.targets.HoldableActiveTargets;

/**
 * The node talks to itself as partner {@code us.partner} under the unsigned test agreement {@code
 * test-dc-2026}: every partner request goes straight to this node's handlers, so both sides of the
 * protocol run with real crypto on the real database. The targets' reads are the real ones; a test
 * may hold the held filters' catch-up at its read ({@link HoldableActiveTargets}).
 */
public class LoopbackProfile implements QuarkusTestProfile {
  public static final String PARTNER = "us.partner";
  public static final String AGREEMENT = "test-dc-2026";
  static final int LOCAL_CAP = 800;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "liaison.agreements.dir", "src/test/resources/deconfliction/agreements",
        "liaison.data-dir", "target/test-data",
        "liaison.deconfliction.max-probes-per-day", Integer.toString(LOCAL_CAP),
        // filters of a few KiB, so every fetch here goes in several parts as a big one would
        "liaison.deconfliction.filter-part-bytes", "1024");
  }

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(LoopbackPartnerCall.class, HoldableActiveTargets.class);
  }
}
