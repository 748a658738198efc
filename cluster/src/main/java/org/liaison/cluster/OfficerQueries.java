package org.liaison.cluster;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.liaison.cli.NodeClient;
import org.liaison.wire.v1.DeconflictionGrpc;
import org.liaison.wire.v1.EventCheckAnswer;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.OfficerQueryRequest;
import org.liaison.wire.v1.PersonQuery;
import org.liaison.wire.v1.PlanOperationRequest;
import org.liaison.wire.v1.QueryRequest;

/**
 * An officer's queries and checks as the demo's cases and the acceptance tests send them to their
 * own node. No officer id is claimed: the node acts for the officer its client certificate names.
 */
public final class OfficerQueries {
  private OfficerQueries() {}

  /**
   * A query of a phone number under {@code purpose} for {@code caseReference}, to {@code partners},
   * who have {@code deadlineMs} to answer. A number without its country code is read in the asking
   * agency's region.
   */
  public static OfficerQueryRequest phone(
      String phone, String purpose, String caseReference, int deadlineMs, String... partners) {
    return OfficerQueryRequest.newBuilder()
        .setQuery(
            QueryRequest.newBuilder()
                .setIdentifier(
                    Identifier.newBuilder().setType(IdentifierType.PHONE).setValue(phone)))
        .setPurpose(purpose)
        .setCaseReference(caseReference)
        .addAllPartners(List.of(partners))
        .setDeadlineMs(deadlineMs)
        .build();
  }

  /**
   * A query, in {@code role}, of a person by name and date of birth; otherwise as {@link #phone}.
   */
  public static OfficerQueryRequest person(
      String name,
      String dateOfBirth,
      String role,
      String purpose,
      String caseReference,
      int deadlineMs,
      List<String> partners) {
    return OfficerQueryRequest.newBuilder()
        .setQuery(
            QueryRequest.newBuilder()
                .setPerson(PersonQuery.newBuilder().setName(name).setDateOfBirth(dateOfBirth))
                .setOfficerRole(role))
        .setPurpose(purpose)
        .setCaseReference(caseReference)
        .addAllPartners(partners)
        .setDeadlineMs(deadlineMs)
        .build();
  }

  /**
   * A target check of a US phone number for {@code caseReference}, naming no partners (the node
   * chooses them), who have {@code deadlineMs} to answer.
   */
  public static OfficerCheckRequest phoneCheck(String phone, String caseReference, int deadlineMs) {
    return OfficerCheckRequest.newBuilder()
        .setIdentifier(
            Identifier.newBuilder().setType(IdentifierType.PHONE).setValue(phone).setCountry("US"))
        .setCaseReference(caseReference)
        .setDeadlineMs(deadlineMs)
        .build();
  }

  /**
   * An operation of {@code type} (SEARCH_WARRANT, SURVEILLANCE ...) planned within {@code
   * radiusMetres} of a point from {@code start} to {@code end}, for {@code caseReference}; the node
   * checks it with its partners, who have {@code deadlineMs} to answer.
   */
  public static PlanOperationRequest operation(
      String caseReference,
      String type,
      double latitude,
      double longitude,
      int radiusMetres,
      OffsetDateTime start,
      OffsetDateTime end,
      int deadlineMs) {
    return PlanOperationRequest.newBuilder()
        .setCaseReference(caseReference)
        .setType(type)
        .setLatitude(latitude)
        .setLongitude(longitude)
        .setRadiusMetres(radiusMetres)
        .setStart(start.toString())
        .setEnd(end.toString())
        .setDeadlineMs(deadlineMs)
        .build();
  }

  /**
   * An officer of {@code node}'s agency plans {@code operation} through the node; every partner's
   * answer to its event check.
   */
  public static List<EventCheckAnswer> plan(AgencyNode node, PlanOperationRequest operation) {
    try (NodeClient c = node.client()) {
      List<EventCheckAnswer> out = new ArrayList<>();
      DeconflictionGrpc.newBlockingStub(c.channel())
          .withDeadlineAfter(60, TimeUnit.SECONDS)
          .planOperation(operation)
          .forEachRemaining(out::add);
      return out;
    }
  }
}
