package org.liaison.node.deconfliction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.liaison.agreements.Agreement;
import org.liaison.agreements.AgreementStatus;
import org.liaison.agreements.AgreementStore;
import org.liaison.agreements.Terms;
import org.liaison.node.config.NodeConfig;
import org.liaison.wire.geo.EventTokens;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Refusal;

/** What an agreement says about de-confliction: whether a kind is on, and the daily probe quota. */
@ApplicationScoped
public class DeconflictionTerms {
  @Inject AgreementStore agreements;
  @Inject NodeConfig config;

  /**
   * A refusal when a partner's request names no kind of de-confliction (TARGET or EVENT) or the
   * agreement does not include that kind: the first check of every de-confliction request.
   */
  public Optional<Refusal> refusal(String agreementId, MatchKind kind) {
    if (kind != MatchKind.TARGET && kind != MatchKind.EVENT) {
      return Optional.of(
          PartnerRefusals.invalid("say which kind of de-confliction: TARGET or EVENT"));
    }
    Optional<Agreement> a = agreements.statusOf(agreementId).flatMap(AgreementStatus::agreement);
    if (a.isEmpty()) {
      return Optional.of(
          Refusal.newBuilder()
              .setReason(Reason.NO_AGREEMENT)
              .setAgreementId(agreementId)
              .setMessage(config.agency() + " holds no agreement " + agreementId)
              .build());
    }
    if (!allows(a.get(), kind)) {
      String what = kind == MatchKind.EVENT ? "event" : "target";
      return Optional.of(
          Refusal.newBuilder()
              .setReason(Reason.PURPOSE_NOT_PERMITTED)
              .setAgreementId(agreementId)
              .setClause("deconfliction." + what)
              .setMessage(
                  "agreement " + agreementId + " does not include " + what + " de-confliction")
              .build());
    }
    return Optional.empty();
  }

  /**
   * The event tokens under this agreement: its buffers, so both parties cut the same cells and
   * buckets and confirm by the same rule (docs/security-model.md, "Event conflicts").
   */
  public EventTokens eventTokens(String agreementId) {
    Terms.Deconfliction d =
        agreements
            .statusOf(agreementId)
            .flatMap(AgreementStatus::agreement)
            .map(Agreement::deconfliction)
            .orElse(null);
    return d == null
        ? new EventTokens(
            Terms.Deconfliction.DEFAULT_BUFFER_METRES,
            Duration.ofMinutes(Terms.Deconfliction.DEFAULT_BUFFER_MINUTES))
        : new EventTokens(d.eventBufferMetres(), Duration.ofMinutes(d.eventBufferMinutes()));
  }

  public static boolean allows(Agreement a, MatchKind kind) {
    if (a.deconfliction() == null) {
      return false;
    }
    return kind == MatchKind.EVENT
        ? a.deconfliction().event()
        : kind == MatchKind.TARGET && a.deconfliction().target();
  }

  /**
   * The crime categories the agreement covers: only targets and operations of cases in one of them
   * are put in the partner's filter, so nothing is matched for another purpose.
   */
  public Set<String> crimeCategories(String agreementId) {
    return agreements
        .statusOf(agreementId)
        .flatMap(AgreementStatus::agreement)
        .map(
            a ->
                a.crimeCategories().stream()
                    .map(Enum::name)
                    .collect(Collectors.toUnmodifiableSet()))
        .orElse(Set.of());
  }

  /** The partner's probes per day: the agreement's, lowered by this node's own cap if set. */
  /** The agreement's queries per day (0 if it names none: then none are answered). */
  public long dailyQueries(String agreementId) {
    return agreements
        .statusOf(agreementId)
        .flatMap(AgreementStatus::agreement)
        .map(a -> a.rateLimits() == null ? 0L : (long) a.rateLimits().queriesPerDay())
        .orElse(0L);
  }

  public long dailyProbes(String agreementId) {
    long agreed =
        agreements
            .statusOf(agreementId)
            .flatMap(AgreementStatus::agreement)
            .map(
                a ->
                    a.rateLimits() == null ? 0L : (long) a.rateLimits().deconflictionProbesPerDay())
            .orElse(0L);
    long cap = config.deconfliction().maxProbesPerDay();
    return cap > 0 ? Math.min(agreed, cap) : agreed;
  }
}
