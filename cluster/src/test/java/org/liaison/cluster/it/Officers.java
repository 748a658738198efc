package org.liaison.cluster.it;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.liaison.cli.LiaisonCommand;
import org.liaison.cluster.AgencyNode;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.PersonQuery;
import org.liaison.wire.v1.QueryRequest;

/** Requests as officers write them in the acceptance cases. */
final class Officers {
  /**
   * Generous, because the first exchange between cold processes on a loaded 2-core CI machine pays
   * class loading and TLS set-up; the partner-down case sets its own, tight deadline.
   */
  static final int DEADLINE_MS = 15_000;

  private Officers() {}

  static OfficerQueryRequest phoneQuery(
      String phone, String purpose, String caseRef, String... partners) {
    return OfficerQueryRequest.newBuilder()
        .setQuery(
            QueryRequest.newBuilder()
                .setIdentifier(
                    Identifier.newBuilder().setType(IdentifierType.PHONE).setValue(phone)))
        .setPurpose(purpose)
        .setCaseReference(caseRef)
        .addAllPartners(List.of(partners))
        .setDeadlineMs(DEADLINE_MS)
        .build();
  }

  static OfficerQueryRequest personQuery(
      String name, String dob, String purpose, String caseRef, String role, String... partners) {
    return OfficerQueryRequest.newBuilder()
        .setQuery(
            QueryRequest.newBuilder()
                .setPerson(PersonQuery.newBuilder().setName(name).setDateOfBirth(dob))
                .setOfficerRole(role))
        .setPurpose(purpose)
        .setCaseReference(caseRef)
        .addAllPartners(List.of(partners))
        .setDeadlineMs(DEADLINE_MS)
        .build();
  }

  static OfficerCheckRequest phoneCheck(String phone, String caseRef) {
    return OfficerCheckRequest.newBuilder()
        .setIdentifier(
            Identifier.newBuilder().setType(IdentifierType.PHONE).setValue(phone).setCountry("US"))
        .setCaseReference(caseRef)
        .setDeadlineMs(DEADLINE_MS)
        .build();
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

  /** What a run of the command line printed, and its exit code. */
  record Cli(int exit, String out, String err) {}

  /** Runs the {@code liaison} command line in-process as officer-1 of the node's agency. */
  static Cli cli(AgencyNode node, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(node.cliOptions().split(" ")));
    var cl = LiaisonCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(all.toArray(String[]::new));
    return new Cli(exit, out.toString(), err.toString());
  }
}
