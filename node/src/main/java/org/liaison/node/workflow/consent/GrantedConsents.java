package org.liaison.node.workflow.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.liaison.node.workflow.Workflow;
import org.liaison.wire.v1.WorkflowKind;
import org.liaison.wire.v1.WorkflowSide;
import org.liaison.wire.v1.WorkflowState;

/** The consent workflows this agency started, as stored. */
@ApplicationScoped
public class GrantedConsents {
  /** The grant counts only from the record's originator, as this node holds the record now. */
  private static final String BY_ORIGINATOR =
      " and w.scope.partnerAgency = (select r.originatorAgency from CaseRecord r"
          + " where r.externalId = :record)";

  @Inject EntityManager em;

  /**
   * True when the record's originator, as this node holds the record now, granted onward disclosure
   * of it to the agency; a grant from any other agency does not count.
   */
  @Transactional
  public boolean granted(String recordId, String agency) {
    return any(recordId, agency, " and w.state = :state" + BY_ORIGINATOR, WorkflowState.GRANTED);
  }

  /**
   * The latest grant by the record's originator, as this node holds the record now, of onward
   * disclosure to the agency (its answer carries the conditions), if any.
   */
  @Transactional
  public Optional<Workflow> grant(String recordId, String agency) {
    return first(
        asked(
                recordId,
                agency,
                " and w.state = :granted and w.answerB64 is not null"
                    + BY_ORIGINATOR
                    + " order by w.answeredAt desc, w.id desc")
            .setParameter("granted", WorkflowState.GRANTED));
  }

  /** True when this node asked the agency, as originator, for consent in the workflow. */
  @Transactional
  public boolean askedOf(String workflowId, String originator) {
    return em.createQuery(
                "select count(w) from Workflow w where w.workflowId = :id and w.kind = :kind"
                    + " and w.side = :side and w.scope.partnerAgency = :originator",
                Long.class)
            .setParameter("id", workflowId)
            .setParameter("kind", WorkflowKind.CONSENT)
            .setParameter("side", WorkflowSide.REQUESTER)
            .setParameter("originator", originator)
            .getSingleResult()
        > 0;
  }

  /** True when consent for the record and agency was asked and is open, granted or refused. */
  @Transactional
  public boolean asked(String recordId, String agency) {
    return any(
        recordId,
        agency,
        " and w.state in :state",
        List.of(
            WorkflowState.PENDING_DELIVERY,
            WorkflowState.AWAITING_ANSWER,
            WorkflowState.GRANTED,
            WorkflowState.REFUSED));
  }

  /** The latest consent request this agency sent about the record and agency, if any. */
  @Transactional
  public Optional<Workflow> latestAsked(String recordId, String agency) {
    return first(asked(recordId, agency, " order by w.createdAt desc, w.id desc"));
  }

  /**
   * Asks of {@code agency} (the agency the record was withheld from) for the originator's consent
   * to this agency's record, still awaiting the originator's answer.
   */
  @Transactional
  public List<Workflow> asksAwaiting(String recordId, String agency) {
    return consents(
            "select w",
            WorkflowSide.RESPONDER,
            recordId,
            agency,
            " and w.scope.partnerAgency = :agency and w.state = :state",
            Workflow.class)
        .setParameter("state", WorkflowState.AWAITING_ANSWER)
        .getResultList();
  }

  /**
   * True when this agency asked for consent to the record's onward disclosure to the agency, in a
   * workflow narrowed by {@code rest}, whose {@code :state} parameter is {@code state}.
   */
  private boolean any(String recordId, String agency, String rest, Object state) {
    return consents("select count(w)", WorkflowSide.REQUESTER, recordId, agency, rest, Long.class)
            .setParameter("state", state)
            .getSingleResult()
        > 0;
  }

  /** Consent requests this agency sent about the record and agency, narrowed by {@code rest}. */
  private TypedQuery<Workflow> asked(String recordId, String agency, String rest) {
    return consents("select w", WorkflowSide.REQUESTER, recordId, agency, rest, Workflow.class);
  }

  /** The query's first result (its order is the query's), if any. */
  private static <T> Optional<T> first(TypedQuery<T> query) {
    return query.setMaxResults(1).getResultStream().findFirst();
  }

  /**
   * The consent workflows on {@code side} about onward disclosure of the record to the agency,
   * narrowed and ordered by {@code rest}.
   */
  private <T> TypedQuery<T> consents(
      String select,
      WorkflowSide side,
      String recordId,
      String agency,
      String rest,
      Class<T> type) {
    return em.createQuery(
            select
                + " from Workflow w where w.kind = :kind and w.side = :side"
                + " and w.recordRef = :record and w.thirdAgency = :agency"
                + rest,
            type)
        .setParameter("kind", WorkflowKind.CONSENT)
        .setParameter("side", side)
        .setParameter("record", recordId)
        .setParameter("agency", agency);
  }
}
