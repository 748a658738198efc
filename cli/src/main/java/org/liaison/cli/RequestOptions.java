package org.liaison.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerQueryRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by query and check: case, officer, partners, deadline. */
final class RequestOptions {

  @Mixin CaseOption caseReference;

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

  void applyTo(OfficerQueryRequest.Builder req, ConnectionOptions connection) {
    applyTo(
        req::setCaseReference,
        req::setOfficerId,
        req::addAllPartners,
        req::setDeadlineMs,
        connection);
  }

  void applyTo(OfficerCheckRequest.Builder req, ConnectionOptions connection) {
    applyTo(
        req::setCaseReference,
        req::setOfficerId,
        req::addAllPartners,
        req::setDeadlineMs,
        connection);
  }

  /**
   * The one rule for both requests (they share no Java interface): the case as given (empty when
   * not), the officer only when known, defaulting to --officer, every partner named, no negative
   * deadline.
   */
  private void applyTo(
      Consumer<String> caseReference,
      Consumer<String> officer,
      Consumer<List<String>> partners,
      IntConsumer deadline,
      ConnectionOptions connection) {
    caseReference.accept(this.caseReference.reference);
    String id = officerId != null ? officerId : connection.officer;
    if (id != null) officer.accept(id);
    partners.accept(this.partners);
    deadline.accept(Math.max(0, deadlineMs));
  }
}
