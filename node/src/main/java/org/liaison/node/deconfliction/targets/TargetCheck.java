package org.liaison.node.deconfliction.targets;

import com.google.protobuf.ByteString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.deconfliction.matching.MatchFanOut;
import org.liaison.node.deconfliction.matching.MatchInputs;
import org.liaison.node.identifiers.IdentifierNormalizer;
import org.liaison.node.identifiers.InvalidIdentifierException;
import org.liaison.node.identifiers.NormalizedIdentifier;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.node.query.InvalidOfficerRequest;
import org.liaison.node.query.OfficerRequests;
import org.liaison.wire.v1.OfficerCheckRequest;
import org.liaison.wire.v1.PartnerCheckAnswer;
import org.liaison.wire.v1.PersonQuery;
import org.liaison.wire.v1.TargetCheckAnswer;
import org.liaison.wire.v1.TargetConflict;

/**
 * Target de-confliction on demand ({@code Officer.Check}, {@code liaison check}): is anyone else
 * working on this identifier, or on this person (name and date of birth)? Runs the private match
 * with each partner; the identifier never leaves this node except as blinded elements, and a
 * partner learns of it only if it holds it too. A conflict tells each side the other's point of
 * contact and case reference, and nothing more.
 */
@ApplicationScoped
public class TargetCheck {
  @Inject TargetDeconfliction targets;
  @Inject NodeConfig config;

  public CompletableFuture<Void> onDemand(
      OfficerCheckRequest request, Consumer<PartnerCheckAnswer> sink) {
    if (request.getCaseReference().isBlank()) {
      throw new InvalidOfficerRequest(
          "a case reference is required: the other side is told it if there is a conflict");
    }
    Set<ByteString> inputs = request.hasPerson() ? person(request) : identifier(request);
    List<PartnerAgreement> with =
        OfficerRequests.select(targets.partners(), request.getPartnersList());
    long deadline =
        request.getDeadlineMs() > 0 ? request.getDeadlineMs() : config.query().deadlineMs();
    return targets.check(
        p -> inputs,
        request.getCaseReference(),
        request.getOfficerId(),
        with,
        deadline,
        o -> sink.accept(toAnswer(o)));
  }

  private Set<ByteString> identifier(OfficerCheckRequest request) {
    if (request.getIdentifier().getValue().isBlank()) {
      throw new InvalidOfficerRequest(
          "say what to check: an identifier, or a person's name with a date of birth");
    }
    try {
      NormalizedIdentifier id =
          IdentifierNormalizer.normalize(
              request.getIdentifier().getType(),
              request.getIdentifier().getValue(),
              // a national number is read in this agency's region, as for queries
              request.getIdentifier().getCountry().isBlank()
                  ? config.agency()
                  : request.getIdentifier().getCountry());
      return Set.of(MatchInputs.identifier(id.type(), id.value()));
    } catch (InvalidIdentifierException e) {
      throw new InvalidOfficerRequest(e.getMessage());
    }
  }

  /** One input per phonetic key of the name (any script), each bound to the date of birth. */
  private static Set<ByteString> person(OfficerCheckRequest request) {
    PersonQuery p = request.getPerson();
    if (request.hasIdentifier()) {
      throw new InvalidOfficerRequest("check an identifier or a person, not both at once");
    }
    if (p.getName().isBlank() || p.getDateOfBirth().isBlank()) {
      throw new InvalidOfficerRequest(
          "a person is checked by name and date of birth together, so that a common name alone"
              + " never raises a conflict: give both");
    }
    LocalDate dob;
    try {
      dob = LocalDate.parse(p.getDateOfBirth());
    } catch (DateTimeParseException e) {
      throw new InvalidOfficerRequest(
          "the date of birth '" + p.getDateOfBirth() + "' is not a date YYYY-MM-DD");
    }
    Set<ByteString> inputs = MatchInputs.person(p.getName(), dob);
    if (inputs.isEmpty()) {
      throw new InvalidOfficerRequest("the name '" + p.getName() + "' has no letters to match on");
    }
    return inputs;
  }

  static PartnerCheckAnswer toAnswer(MatchFanOut.Outcome o) {
    PartnerCheckAnswer.Builder b =
        PartnerCheckAnswer.newBuilder()
            .setPartnerAgency(o.partner().agency())
            .setAgreementId(o.partner().agreementId())
            .setLatencyMs(o.latencyMs())
            .setStatus(o.status())
            .setReason(o.reason())
            .setMessage(o.message());
    if (o.failure() != null) {
      return b.build();
    }
    TargetCheckAnswer.Builder answer =
        TargetCheckAnswer.newBuilder().setConflict(!o.conflicts().isEmpty());
    o.conflictsAtPartner()
        .forEach(
            c ->
                answer.addConflicts(
                    TargetConflict.newBuilder()
                        .setCaseReference(c.getCaseReference())
                        .setAlertRecordedHere(c.getAlertRecordedHere())
                        .setAlertRecordedByPartner(c.getAlertRecorded())
                        .setPointOfContact(c.getPointOfContact())));
    return b.setAnswer(answer).build();
  }
}
