package org.liaison.node.workflow.timeliness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.liaison.node.workflow.StepEntry;
import org.liaison.node.workflow.Timings;
import org.liaison.node.workflow.Workflow;
import org.liaison.wire.v1.ServiceLevelBreach;
import org.liaison.wire.v1.StepTiming;
import org.liaison.wire.v1.TimelinessReport;

/**
 * How long partners (and this agency) take: per partner, agreement, kind and side, the median and
 * 90th percentile of the time each step took from the step before it, plus the whole time from
 * request to answer ({@code REQUEST_TO_ANSWER}); and every breach of a service-level deadline.
 */
@ApplicationScoped
public class TimelinessReporter {
  public static final String REQUEST_TO_ANSWER = "REQUEST_TO_ANSWER";

  @Inject EntityManager em;

  @Transactional
  public TimelinessReport report(String partner, Instant now) {
    List<Workflow> workflows =
        em.createQuery(
                "from Workflow w where (:p = '' or w.scope.partnerAgency = :p) order by w.id",
                Workflow.class)
            .setParameter("p", partner == null ? "" : partner)
            .getResultList();
    Map<String, List<StepEntry>> stepsOf = new HashMap<>();
    for (StepEntry s :
        em.createQuery("from StepEntry order by at, id", StepEntry.class).getResultList()) {
      stepsOf.computeIfAbsent(s.workflowId, k -> new ArrayList<>()).add(s);
    }
    Map<String, List<Long>> samples = new TreeMap<>();
    Map<String, StepTiming> keys = new HashMap<>();
    TimelinessReport.Builder report = TimelinessReport.newBuilder().setGeneratedAt(now.toString());
    for (Workflow w : workflows) {
      StepEntry previous = null;
      for (StepEntry s : stepsOf.getOrDefault(w.workflowId, List.of())) {
        if (!Timings.timed(s.step)) {
          continue;
        }
        if (previous != null) {
          add(samples, keys, w, s.step, Duration.between(previous.at, s.at).toMillis());
        }
        previous = s;
      }
      if (w.answeredAt != null) {
        add(
            samples,
            keys,
            w,
            REQUEST_TO_ANSWER,
            Duration.between(w.createdAt, w.answeredAt).toMillis());
      }
      breach(w, now).ifPresent(report::addBreaches);
    }
    for (var e : samples.entrySet()) {
      long[] v = e.getValue().stream().mapToLong(Long::longValue).toArray();
      report.addSteps(
          keys.get(e.getKey()).toBuilder()
              .setCount(v.length)
              .setMedianMs(Percentiles.of(v, 50))
              .setP90Ms(Percentiles.of(v, 90)));
    }
    return report.build();
  }

  private static void add(
      Map<String, List<Long>> samples,
      Map<String, StepTiming> keys,
      Workflow w,
      String step,
      long ms) {
    String key =
        String.join(
            "|",
            w.scope.partnerAgency(),
            w.scope.agreementId(),
            w.kind.name(),
            w.side.name(),
            step);
    samples.computeIfAbsent(key, k -> new ArrayList<>()).add(Math.max(0, ms));
    keys.computeIfAbsent(
        key,
        k ->
            StepTiming.newBuilder()
                .setPartnerAgency(w.scope.partnerAgency())
                .setAgreementId(w.scope.agreementId())
                .setKind(w.kind)
                .setSide(w.side)
                .setStep(step)
                .build());
  }

  private static java.util.Optional<ServiceLevelBreach> breach(Workflow w, Instant now) {
    if (w.dueAt == null) {
      return java.util.Optional.empty();
    }
    Instant end = w.answeredAt != null ? w.answeredAt : (w.open() ? now : null);
    if (end == null || !end.isAfter(w.dueAt)) {
      return java.util.Optional.empty();
    }
    ServiceLevelBreach.Builder b =
        ServiceLevelBreach.newBuilder()
            .setWorkflowId(w.workflowId)
            .setPartnerAgency(w.scope.partnerAgency())
            .setAgreementId(w.scope.agreementId())
            .setKind(w.kind)
            .setSide(w.side)
            .setDueAt(w.dueAt.toString())
            .setLateMs(Duration.between(w.dueAt, end).toMillis());
    if (w.answeredAt != null) {
      b.setAnsweredAt(w.answeredAt.toString());
    }
    return java.util.Optional.of(b.build());
  }
}
