package org.liaison.cluster.it;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.liaison.cli.LiaisonCommand;
import org.liaison.cli.NodeClient;
import org.liaison.cluster.AgencyNode;
import org.liaison.cluster.Federation;
import org.liaison.cluster.OfficerQueries;
import org.liaison.wire.v1.EventCheckAnswer;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;

/** Requests as officers write them in the acceptance cases. */
final class Officers {
  /**
   * Generous, because the first exchange between cold processes on a loaded 2-core CI machine pays
   * class loading and TLS set-up; the partner-down case sets its own, tight deadline.
   */
  static final int DEADLINE_MS = 15_000;

  /** A partner's answer, whatever it says (a no-hit and a refusal are answers too). */
  static final java.util.Set<PartnerAnswer.Status> ANSWERED =
      java.util.Set.of(
          PartnerAnswer.Status.MATCH, PartnerAnswer.Status.NO_MATCH, PartnerAnswer.Status.REFUSED);

  private Officers() {}

  /** A query of a phone number, with the tests' deadline ({@link OfficerQueries#phone}). */
  static OfficerQueryRequest phoneQuery(
      String phone, String purpose, String caseRef, String... partners) {
    return OfficerQueries.phone(phone, purpose, caseRef, DEADLINE_MS, partners);
  }

  /** A query of a person, with the tests' deadline ({@link OfficerQueries#person}). */
  static OfficerQueryRequest personQuery(
      String name, String dob, String purpose, String caseRef, String role, String... partners) {
    return OfficerQueries.person(name, dob, role, purpose, caseRef, DEADLINE_MS, List.of(partners));
  }

  /** A target check of a US phone number, with the tests' deadline. */
  static OfficerCheckRequest phoneCheck(String phone, String caseRef) {
    return OfficerQueries.phoneCheck(phone, caseRef, DEADLINE_MS);
  }

  /**
   * Case 1's phone (+1 305 555 0142) asked of {@code partner} for drug trafficking under {@code
   * caseRef}, by the officer of {@code client}; the partner's answer.
   */
  static PartnerAnswer askCase1Phone(NodeClient client, String caseRef, String partner) {
    return from(
        client.queryAll(phoneQuery("+1 305 555 0142", "DRUG_TRAFFICKING", caseRef, partner)),
        partner);
  }

  /** Whether a status name (or an error's text) is one of {@link #ANSWERED}. */
  static boolean isAnswered(String status) {
    return ANSWERED.stream().anyMatch(s -> s.name().equals(status));
  }

  /**
   * {@code agency}'s officer plans an operation ({@link OfficerQueries#operation}, partners have 8
   * s to answer); the event check's answers of every partner.
   */
  static List<EventCheckAnswer> planOperation(
      Federation f,
      String agency,
      String caseRef,
      String type,
      double lat,
      double lon,
      int radius,
      OffsetDateTime from,
      OffsetDateTime to) {
    return OfficerQueries.plan(
        f.node(agency), OfficerQueries.operation(caseRef, type, lat, lon, radius, from, to, 8000));
  }

  static PartnerAnswer from(List<PartnerAnswer> answers, String agency) {
    return answers.stream()
        .filter(a -> a.getPartnerAgency().equals(agency))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no answer from " + agency + " in " + answers));
  }

  static PartnerCheckAnswer checkFrom(List<PartnerCheckAnswer> answers, String agency) {
    return answers.stream()
        .filter(a -> a.getPartnerAgency().equals(agency))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no answer from " + agency + " in " + answers));
  }

  /**
   * Asks {@code query} of {@code partner} as officer-1 of {@code asking} until the partner answers
   * (MATCH, NO_MATCH or REFUSED), and returns that answer: after a test stopped, killed, restarted
   * or revoked something on the path, the next test's set-up, not its assertion, waits for the path
   * to be back. Fails with the last answer or error after {@code patience}.
   */
  static PartnerAnswer awaitAnswered(
      Federation f,
      String asking,
      OfficerQueryRequest query,
      String partner,
      java.time.Duration patience) {
    long until = System.nanoTime() + patience.toNanos();
    Object last = null;
    while (System.nanoTime() < until) {
      try (NodeClient c = f.node(asking).client()) {
        PartnerAnswer a = from(c.queryAll(query), partner);
        if (ANSWERED.contains(a.getStatus())) {
          return a;
        }
        last = a;
      } catch (io.grpc.StatusRuntimeException e) {
        last = e;
      }
      Alerts.pause(200);
    }
    throw new AssertionError(
        partner + " did not answer " + asking + " within " + patience + "; last: " + last);
  }

  /** ICE's phone query of case 1 to DEA answered: the path ICE, DEA and back works. */
  static PartnerAnswer awaitIceAnsweredByDea(Federation f) {
    return awaitAnswered(
        f,
        "us.ice",
        phoneQuery("+1 305 555 0142", "DRUG_TRAFFICKING", "ICE-MIA-2026-0311", "us.dea"),
        "us.dea",
        java.time.Duration.ofMinutes(2));
  }

  /** What {@code agency}'s node counts of its probe quota with {@code partner} today. */
  static org.liaison.wire.v1.PartnerQuota quota(Federation f, String agency, String partner) {
    try (NodeClient c = f.node(agency).client()) {
      return org.liaison.wire.v1.DeconflictionGrpc.newBlockingStub(c.channel())
          .withDeadlineAfter(30, java.util.concurrent.TimeUnit.SECONDS)
          .quota(org.liaison.wire.v1.QuotaRequest.getDefaultInstance())
          .getPartnersList()
          .stream()
          .filter(p -> p.getPartnerAgency().equals(partner))
          .findFirst()
          .orElseThrow();
    }
  }

  /** What a run of the command line printed, and its exit code. */
  record Cli(int exit, String out, String err) {}

  /** Runs the {@code liaison} command line in-process as officer-1 of the node's agency. */
  static Cli cli(AgencyNode node, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(node.cliOptions().split(" ")));
    return offline(all.toArray(String[]::new));
  }

  /**
   * Runs the {@code liaison} command line in-process with {@code args} alone, no connection options
   * (a command that runs on the node's host, such as {@code backup restore}).
   */
  static Cli offline(String... args) {
    var cl = LiaisonCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }
}
