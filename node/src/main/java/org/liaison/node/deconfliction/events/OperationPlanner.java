package org.liaison.node.deconfliction.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.deconfliction.DeconflictionTriggers;
import org.liaison.node.deconfliction.filters.HeldFilters;
import org.liaison.node.deconfliction.matching.MatchFanOut;
import org.liaison.node.query.InvalidOfficerRequest;
import org.liaison.node.records.ImportResult;
import org.liaison.node.records.ImportService;
import org.liaison.wire.geo.EventExtent;
import org.liaison.wire.v1.EventCheckAnswer;
import org.liaison.wire.v1.PlanOperationRequest;

/**
 * Plans (stores) an operation through the importer, so it is validated and stored like any imported
 * one, then checks it against every partner and streams each partner's answer.
 */
@ApplicationScoped
public class OperationPlanner {
  @Inject ImportService imports;
  @Inject ObjectMapper json;
  @Inject EventDeconfliction events;
  @Inject HeldFilters held;
  @Inject NodeConfig config;

  public CompletableFuture<Void> plan(
      PlanOperationRequest r, String officerId, Consumer<EventCheckAnswer> sink) {
    if (r.getCaseReference().isBlank()) {
      throw new InvalidOfficerRequest("say which case the operation belongs to (--case)");
    }
    if (r.getRadiusMetres() > EventExtent.MAX_RADIUS_METRES) {
      throw new InvalidOfficerRequest(
          "an operation may cover at most 10 km radius for de-confliction; split it into smaller"
              + " areas");
    }
    String id = r.getId().isBlank() ? "op-" + UUID.randomUUID() : r.getId();
    ObjectNode line = json.createObjectNode();
    line.put("kind", "operation");
    line.put("id", id);
    line.put("case", r.getCaseReference());
    line.put("type", r.getType().isBlank() ? "OPERATION" : r.getType());
    line.put("latitude", r.getLatitude());
    line.put("longitude", r.getLongitude());
    line.put("radiusMetres", r.getRadiusMetres());
    if (!r.getAddress().isBlank()) {
      line.put("address", r.getAddress());
    }
    line.put("start", r.getStart());
    line.put("end", r.getEnd());
    ImportResult stored =
        DeconflictionTriggers.withoutTriggers(() -> imports.importLine(1, line.toString()));
    if (!stored.accepted()) {
      throw new InvalidOfficerRequest(stored.message());
    }
    held.invalidate(r.getCaseReference());
    long deadline = r.getDeadlineMs() > 0 ? r.getDeadlineMs() : config.query().deadlineMs();
    return events.checkOperation(
        id, officerId, events.partners(), deadline, o -> sink.accept(toAnswer(id, o)));
  }

  static EventCheckAnswer toAnswer(String operationId, MatchFanOut.Outcome o) {
    return EventCheckAnswer.newBuilder()
        .setOperationId(operationId)
        .setPartnerAgency(o.partner().agency())
        .setAgreementId(o.partner().agreementId())
        .setLatencyMs(o.latencyMs())
        .setStatus(o.status())
        .setReason(o.reason())
        .setMessage(o.message())
        .addAllConflicts(o.conflictsAtPartner())
        .build();
  }
}
