package org.liaison.node.workflow;

import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.liaison.agreements.Agreement;
import org.liaison.agreements.AgreementStore;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.WorkflowStep;

/** Picks the agreement in force with a partner that a workflow runs under. */
@ApplicationScoped
public class AgreementChoice {
  @Inject AgreementStore agreements;
  @Inject NodeConfig config;

  /**
   * The agreement named, or else the first in force (by id) that {@code fits}.
   *
   * @param why what the fitting agreement must provide, for the sentence when none does
   */
  public Agreement choose(String partner, String named, Predicate<Agreement> fits, String why) {
    String me = config.agency();
    if (partner.equals(me)) {
      throw WorkflowException.invalid("the partner must be another agency than " + me);
    }
    List<Agreement> inForce =
        agreements.inForce(me, partner, Instant.now()).stream()
            .sorted(Comparator.comparing(Agreement::id))
            .toList();
    if (inForce.isEmpty()) {
      throw new WorkflowException(
          Status.Code.FAILED_PRECONDITION,
          Reason.NO_AGREEMENT,
          me + " has no agreement in force with " + partner);
    }
    List<Agreement> fitting =
        inForce.stream()
            .filter(a -> named == null || named.isBlank() || a.id().equals(named))
            .filter(fits)
            .toList();
    if (fitting.isEmpty()) {
      throw new WorkflowException(
          Status.Code.FAILED_PRECONDITION,
          Reason.WORKFLOW_NOT_PERMITTED,
          (named == null || named.isBlank()
                  ? "no agreement in force with " + partner
                  : "agreement " + named)
              + " provides for "
              + why
              + " (in force: "
              + inForce.stream().map(Agreement::id).toList()
              + ")");
    }
    return fitting.get(0);
  }

  /**
   * When the partner must answer a request sent in {@code sent}; null if the agreement sets none.
   */
  public static Instant dueAt(Agreement a, WorkflowStep sent) {
    return dueAt(a, Instant.ofEpochMilli(sent.getAtEpochMs()));
  }

  /** When the partner must have answered, from the agreement's service levels; null if none. */
  public static Instant dueAt(Agreement a, Instant from) {
    int hours = a.serviceLevels() == null ? 0 : a.serviceLevels().respondWithinHours();
    return hours <= 0 ? null : from.plus(Duration.ofHours(hours));
  }

  /**
   * The scope of a workflow this agency starts with a partner under an agreement: the purpose the
   * officer gave, or the agreement's first.
   */
  public static ExchangeScope scope(
      String partner, Agreement a, String purpose, String caseReference) {
    return new ExchangeScope(partner, a.id(), purposeOr(purpose, a), caseReference);
  }

  /** The purpose given, or the agreement's first purpose. */
  private static String purposeOr(String purpose, Agreement a) {
    if (purpose != null && !purpose.isBlank()) {
      return purpose;
    }
    return a.purposes().stream().map(Enum::name).sorted().findFirst().orElse("");
  }
}
