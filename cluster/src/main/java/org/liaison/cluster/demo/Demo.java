package org.liaison.cluster.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.liaison.cluster.AgencyNode;
import org.liaison.cluster.Federation;
import org.liaison.cluster.ProcessStartException;

/**
 * The demo: starts the reference federation in {@code ./demo-run/} (fresh each time), plays the
 * acceptance cases, then leaves the federation running for {@code bin/liaison} until Ctrl-C.
 *
 * <p>Options: {@code --work DIR} (default demo-run), {@code --no-wait} (stop after the cases; exit
 * code 1 if a case failed).
 */
public final class Demo {

  /** The cases, in the order they are played. Ordered by case number. */
  static final List<DemoCase> CASES =
      List.of(
          new DemoCase(1, "Target conflict", new TargetConflictCase()),
          new DemoCase(2, "Out of scope", new OutOfScope()),
          new DemoCase(3, "In scope, across the border", new CrossBorder()),
          new DemoCase(4, "Third-party rule", new ThirdPartyRule()),
          new DemoCase(5, "Feedback", new Feedback()),
          new DemoCase(6, "Event conflict", new EventConflict()),
          new DemoCase(7, "Partner down", new PartnerDown()),
          new DemoCase(8, "Tampering", new Tampering()),
          new DemoCase(9, "Expired agreement", new ExpiredAgreement()));

  private Demo() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of("demo-run");
    boolean wait = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--work" -> work = Path.of(args[++i]);
        case "--no-wait" -> wait = false;
        default -> {
          System.err.println("demo: unknown option " + args[i] + " (use --work DIR, --no-wait)");
          System.exit(2);
        }
      }
    }
    PrintStream out = System.out;
    Federation federation =
        Federation.builder().agencies(Federation.DEMO_AGENCIES).workDir(work).build();
    Runtime.getRuntime().addShutdownHook(new Thread(federation::stopAll, "demo-stop"));
    out.println(
        "Starting "
            + Federation.DEMO_AGENCIES.size()
            + " agencies (a node and a gateway each) in "
            + work.toAbsolutePath()
            + " ...");
    try {
      federation.start();
    } catch (ProcessStartException e) {
      System.err.println("demo: " + e.getMessage());
      System.exit(1);
    }
    out.printf(
        "Federation ready in %.1f s: %s%n%n",
        federation.startupTime().toMillis() / 1000.0, String.join(", ", federation.agencies()));

    List<String> failed = new ArrayList<>();
    Narrator say = new Narrator(out);
    for (DemoCase c : CASES) {
      out.println("Case " + c.number() + ": " + c.title());
      boolean ok;
      try {
        ok = c.scenario().run(federation, say);
      } catch (Exception | AssertionError e) {
        say.verdict(false, "the case could not run: " + e.getMessage());
        ok = false;
      }
      if (!ok) failed.add(c.number() + " " + c.title());
      out.println();
    }
    out.println(
        failed.isEmpty()
            ? "Every case behaved as docs/reference-federation.md requires."
            : "Cases that did not behave as required: " + String.join("; ", failed) + ".");
    if (!wait) {
      federation.stopAll();
      System.exit(failed.isEmpty() ? 0 : 1);
    }
    out.println();
    out.println("The federation keeps running. Try it as an officer (from the repository root):");
    AgencyNode ice = federation.node("us.ice");
    AgencyNode skr = federation.node("ru.skr");
    out.println("  bin/liaison status " + ice.cliOptions());
    out.println(
        "  bin/liaison check --phone '+1 305 555 0142' --case ICE-MIA-2026-0311 "
            + ice.cliOptions());
    out.println(
        "  bin/liaison query --phone '(305) 555-0142' --purpose DRUG_TRAFFICKING --case ICE-MIA-2026-0311 --role CASE_AGENT "
            + ice.cliOptions());
    out.println(
        "  bin/liaison query --name 'Дмитрий Волков' --dob 1979-03-14 --purpose HUMAN_SMUGGLING --case SK-77-2026-0117 --role INVESTIGATOR "
            + skr.cliOptions());
    out.println(
        "Other agencies: "
            + federation.agencies().stream()
                .map(a -> a + " " + federation.node(a).officerAddress())
                .toList());
    out.println();
    out.println(
        "Or in a browser: each agency's web console, over HTTPS with the officer's certificate.");
    for (String agency : federation.agencies()) {
      AgencyNode node = federation.node(agency);
      out.println(
          "  "
              + agency
              + "  "
              + node.consoleUrl()
              + "  certificate "
              + node.officerKeystore("officer-1").toAbsolutePath()
              + "  CA "
              + node.pkiRoot()
                  .resolve("directory")
                  .resolve(agency)
                  .resolve("ca.crt.pem")
                  .toAbsolutePath());
    }
    out.println(
        "  Load the certificate (PKCS#12, password changeit) into the browser: Firefox: Settings >"
            + " Privacy & Security > Certificates > View Certificates > Your Certificates > Import;"
            + " Chromium: Settings > Privacy and security > Security > Manage certificates > Import"
            + " (or `pk12util -i FILE -d sql:$HOME/.pki/nssdb -W changeit`). Import the agency's CA"
            + " under Authorities to trust the console's server certificate.");
    out.println("Logs: " + federation.workDir().toAbsolutePath().resolve("logs"));
    out.println("Press Ctrl-C to stop every process.");
    new CountDownLatch(1).await();
  }
}
