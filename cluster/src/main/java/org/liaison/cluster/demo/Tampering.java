package org.liaison.cluster.demo;

import org.liaison.cluster.AgencyGateway;
import org.liaison.cluster.Federation;
import org.liaison.wire.v1.PartnerAnswer;

/**
 * Case 8: a gateway flips one byte of each envelope it relays. The flip is a gateway process option
 * ({@code liaison.gateway.test.flip-byte}), so ICE's gateway is restarted in that mode for the
 * query and restarted normally afterwards.
 */
final class Tampering implements DemoScenario {

  static final String FLIP = "liaison.gateway.test.flip-byte";
  static final String PROFILE = "quarkus.profile";

  @Override
  public boolean run(Federation federation, Narrator say) {
    AgencyGateway gateway = federation.gateway("us.dea");
    say.step(
        "DEA's gateway is restarted in test mode: after its own checks it flips one ciphertext byte of"
            + " every envelope it hands to DEA's node (a compromised gateway).");
    gateway.option(FLIP, "inbound");
    // the test mode is refused under any other profile (a production gateway cannot tamper)
    gateway.option(PROFILE, "tamper-test");
    gateway.restart();
    try {
      say.step("An ICE agent queries DEA about phone " + TargetConflictCase.PHONE + ".");
      PartnerAnswer dea =
          DemoRequests.askAboutDemoPhone(federation, say, "us.ice", "ICE-DEMO-8", "us.dea");
      boolean ok =
          dea != null
              && dea.getStatus() != PartnerAnswer.Status.MATCH
              && dea.getStatus() != PartnerAnswer.Status.NO_MATCH
              && dea.getAnswer().getDisclosuresCount() == 0;
      say.verdict(
          ok,
          ok
              ? "DEA's node rejected the tampered envelope ("
                  + dea.getReason()
                  + ") and disclosed nothing; the attempt is in its audit log."
              : "the tampered query was answered as if nothing happened.");
      return ok;
    } finally {
      say.step("DEA's gateway is restarted normally.");
      gateway.option(FLIP, null);
      gateway.option(PROFILE, null);
      gateway.restart();
    }
  }
}
