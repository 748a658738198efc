package org.liaison.cli;

import java.util.ArrayList;
import java.util.List;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerQueryRequest;
import picocli.CommandLine.Option;

/** Options shared by query and check: case, officer, partners, deadline. */
final class RequestOptions {

  @Option(names = "--case", paramLabel = "REF", description = "Your case reference.")
  String caseReference;

  @Option(
      names = "--officer-id",
      paramLabel = "ID",
      description =
          "Your officer id (default: --officer). The node acts as the officer your certificate"
              + " names and refuses a request naming another (OFFICER_NOT_CERTIFICATE_HOLDER).")
  String officerId;

  @Option(
      names = "--partner",
      paramLabel = "AGENCY",
      description =
          "Ask only this partner (repeatable; default: every partner with an agreement in force).")
  List<String> partners = new ArrayList<>();

  @Option(
      names = "--deadline-ms",
      paramLabel = "MS",
      description = "How long the node waits for partners (default: the node's).")
  int deadlineMs;

  private String officerId(ConnectionOptions connection) {
    return officerId != null ? officerId : connection.officer;
  }

  void applyTo(OfficerQueryRequest.Builder req, ConnectionOptions connection) {
    if (caseReference != null) req.setCaseReference(caseReference);
    String officer = officerId(connection);
    if (officer != null) req.setOfficerId(officer);
    req.addAllPartners(partners);
    req.setDeadlineMs(Math.max(0, deadlineMs));
  }

  void applyTo(OfficerCheckRequest.Builder req, ConnectionOptions connection) {
    if (caseReference != null) req.setCaseReference(caseReference);
    String officer = officerId(connection);
    if (officer != null) req.setOfficerId(officer);
    req.addAllPartners(partners);
    req.setDeadlineMs(Math.max(0, deadlineMs));
  }
}
