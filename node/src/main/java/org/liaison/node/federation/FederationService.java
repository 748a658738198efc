package org.liaison.node.federation;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.liaison.agreements.AgreementStatus;
import org.liaison.agreements.AgreementStore;
import org.liaison.node.audit.AuditEvent;
import org.liaison.node.audit.AuditLog;
import org.liaison.node.audit.AuditUnavailable;
import org.liaison.node.audit.AuditedWrite;
import org.liaison.node.audit.InboundAudit;
import org.liaison.node.audit.PartnerHistory;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.disclosure.DisclosureLedger;
import org.liaison.wire.envelope.EnvelopeOpener;
import org.liaison.wire.envelope.OpenedEnvelope;
import org.liaison.wire.envelope.SealRequest;
import org.liaison.wire.envelope.WireException;
import org.liaison.wire.transport.PartnerConcurrency;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.AuditKind;
import org.liaison.wire.v1.Disclosure;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.FederationGrpc;
import org.liaison.wire.v1.Header;
import org.liaison.wire.v1.QueryAnswer;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Refusal;

/**
 * Partner requests, as this agency's gateway delivers them: open (every wire check), check the
 * agreement named in the header is in force now between the two agencies, let the handler for the
 * payload type answer, append the audit entry (committed), and only then seal the answer back.
 */
// served by grpc-java on the federation listener (decision 0036): not a bean Quarkus gRPC would
// serve on the officers' HTTPS server, so its gRPC types are not bean types
@Typed(FederationService.class)
@ApplicationScoped
public class FederationService extends FederationGrpc.FederationImplBase {
  private static final Logger LOG = Logger.getLogger(FederationService.class);

  @Inject NodeEnvelopes envelopes;
  @Inject InboundHandlers handlers;
  @Inject AgreementStore agreements;
  @Inject AuditLog audit;
  @Inject PartnerHistory partnerLogs;
  @Inject NodeConfig config;
  @Inject DisclosureLedger disclosures;

  private volatile PartnerConcurrency concurrency;

  @Override
  public void deliver(Envelope envelope, StreamObserver<Envelope> out) {
    // the gateway checked that the TLS peer is the gateway of the agency the header names
    String sender =
        EnvelopeOpener.unverifiedHeader(envelope).map(Header::getSenderAgency).orElse("");
    Optional<PartnerConcurrency.Slot> slot = concurrency().tryEnter(sender);
    if (slot.isEmpty()) {
      out.onError(
          Refusals.refuse(
              Status.Code.RESOURCE_EXHAUSTED, Reason.PARTNER_BUSY, concurrency().busy(sender)));
      return;
    }
    try (PartnerConcurrency.Slot held = slot.get()) {
      answer(envelope, out);
    }
  }

  @PostConstruct
  void limits() {
    concurrency = new PartnerConcurrency(config.federation().maxConcurrentPerPartner());
  }

  private PartnerConcurrency concurrency() {
    return concurrency;
  }

  private void answer(Envelope envelope, StreamObserver<Envelope> out) {
    OpenedEnvelope opened;
    try {
      opened = envelopes.open(envelope);
    } catch (WireException e) {
      if (e.reason() == Reason.STORAGE_UNAVAILABLE) {
        // the disk that holds the replay journal holds the audit too: nothing can be recorded, and
        // trying would hold the answer up (a failing database can take seconds to say so)
        LOG.errorf("cannot record message id on stable storage; nothing is disclosed: %s", e);
        out.onError(
            Refusals.refuse(
                Status.Code.UNAVAILABLE,
                Reason.AUDIT_UNAVAILABLE,
                "the answering node cannot write to its storage, so it records and discloses"
                    + " nothing; retry later"));
        return;
      }
      rejected(envelope, e);
      out.onError(Refusals.refuse(Status.Code.PERMISSION_DENIED, e.reason(), e.getMessage()));
      return;
    }
    Header h = opened.header();
    partnerLogs.fromEnvelope(h, opened.signerCertificate());
    InboundRequest request = InboundRequest.sentIn(h, opened.payload());
    Optional<InboundHandler> handler = handlers.forType(h.getContentType());
    if (handler.isEmpty()) {
      refuseUnanswered(
          request,
          out,
          AuditKind.REFUSAL,
          Status.Code.UNIMPLEMENTED,
          Reason.INVALID_ARGUMENT,
          "no handler for " + h.getContentType(),
          "this node does not answer " + h.getContentType());
      return;
    }
    Message answer;
    String outcome;
    String reason = null;
    try {
      Optional<Refusal> refusal = agreementRefusal(h);
      if (refusal.isPresent()) {
        answer = handler.get().refusal(refusal.get());
        outcome = "REFUSED";
        reason = refusal.get().getReason().name();
      } else {
        answer = handler.get().handle(request);
        outcome = Outcomes.of(answer);
        reason = Outcomes.reasonOf(answer);
      }
    } catch (InvalidProtocolBufferException e) {
      refuseUnanswered(
          request,
          out,
          AuditKind.REJECTED,
          Status.Code.INVALID_ARGUMENT,
          Reason.MALFORMED_ENVELOPE,
          "the payload does not parse",
          "the payload is not a valid " + h.getContentType());
      return;
    } catch (AuditUnavailable e) {
      LOG.errorf(e, "cannot audit the decisions for %s; nothing is disclosed", h.getMessageId());
      out.onError(auditUnavailable());
      return;
    } catch (RuntimeException e) {
      if (AuditUnavailable.isDatabaseFailure(e)) {
        LOG.errorf(e, "the database failed answering %s; nothing is disclosed", h.getMessageId());
        out.onError(
            Refusals.refuse(
                Status.Code.UNAVAILABLE,
                Reason.AUDIT_UNAVAILABLE,
                "the answering node cannot use its database, so it cannot write its audit record"
                    + " and discloses nothing; retry later"));
        return;
      }
      // a broken step denies, it never discloses
      LOG.errorf(e, "answering %s failed; nothing is disclosed", h.getMessageId());
      out.onError(
          Refusals.refuse(
              Status.Code.UNAVAILABLE,
              Reason.INTERNAL,
              "the answering node failed while deciding, so it discloses nothing; retry later"));
      return;
    }
    try {
      List<AuditedWrite> writes = new ArrayList<>(request.writesBeforeAnswer());
      if (answer instanceof QueryAnswer q && q.getDisclosuresCount() > 0) {
        writes.add(
            disclosures.disclosure(
                h.getSenderAgency(),
                q.getDisclosuresList().stream().map(Disclosure::getRecordId).toList(),
                h.getMessageId()));
      }
      // fail closed: the answer leaves only after its audit entries (the handler's decisions, then
      // the answer's own) are committed, with the quota count and disclosure ledger in the same
      // transaction
      List<AuditEvent> entries = new ArrayList<>(request.entriesBeforeAnswer());
      entries.add(InboundAudit.of(request, opened.signedContentHash(), answer, outcome, reason));
      audit.appendAll(entries, writes);
    } catch (RuntimeException e) {
      LOG.errorf(e, "cannot record the answer to %s; nothing is disclosed", h.getMessageId());
      out.onError(auditUnavailable());
      return;
    }
    try {
      Envelope sealed =
          envelopes.seal(
              SealRequest.answerTo(
                  opened,
                  answer.getDescriptorForType().getFullName(),
                  Duration.ofMillis(config.query().ttlMs())),
              answer.toByteArray());
      out.onNext(sealed);
      out.onCompleted();
    } catch (WireException e) {
      out.onError(Refusals.refuse(Status.Code.INTERNAL, e.reason(), e.getMessage()));
    }
  }

  /** Re-evaluated on arrival: a request in flight under a suspended agreement is refused. */
  private Optional<Refusal> agreementRefusal(Header h) {
    String me = config.agency();
    Optional<AgreementStatus> status = agreements.statusOf(h.getAgreementId());
    if (status.isEmpty() || !status.get().between(me, h.getSenderAgency())) {
      return Optional.of(
          Refusal.newBuilder()
              .setReason(Reason.NO_AGREEMENT)
              .setAgreementId(h.getAgreementId())
              .setMessage(
                  me
                      + " holds no agreement '"
                      + h.getAgreementId()
                      + "' with "
                      + h.getSenderAgency())
              .build());
    }
    if (!status.get().inForce()) {
      return Optional.of(
          Refusal.newBuilder()
              .setReason(status.get().reason())
              .setAgreementId(h.getAgreementId())
              .setMessage(status.get().sentence())
              .build());
    }
    return Optional.empty();
  }

  /**
   * A request refused before any handler answered: recorded with {@code detail} (best effort,
   * nothing was disclosed anyway), then refused to the partner with the same reason and {@code
   * sentence}.
   */
  private void refuseUnanswered(
      InboundRequest r,
      StreamObserver<Envelope> out,
      AuditKind kind,
      Status.Code code,
      Reason reason,
      String detail,
      String sentence) {
    try {
      audit.append(
          r.auditEntry(kind).outcome(kind.name()).reason(reason.name()).detail(detail).build());
    } catch (RuntimeException e) {
      LOG.errorf(e, "cannot record the refusal of %s", r.messageId());
    }
    out.onError(Refusals.refuse(code, reason, sentence));
  }

  /** A rejected envelope is recorded with what its header claims, marked as unverified. */
  private void rejected(Envelope envelope, WireException e) {
    String sender = "unverified";
    String messageId = null;
    String agreement = null;
    try {
      Header claimed = Header.parseFrom(envelope.getHeader());
      sender = claimed.getSenderAgency() + " (unverified)";
      messageId = claimed.getMessageId();
      agreement = claimed.getAgreementId();
    } catch (InvalidProtocolBufferException ignored) {
      // the header itself is broken; the reason says so
    }
    LOG.warnf("rejected envelope %s from %s: %s %s", messageId, sender, e.reason(), e.getMessage());
    try {
      audit.append(
          AuditEvent.builder(AuditKind.REJECTED)
              .direction(AuditEvent.Direction.IN)
              .requestingAgency(sender)
              .agreement(agreement)
              .messageId(messageId)
              .outcome("REJECTED")
              .reason(e.reason().name())
              .detail(
                  e.getMessage()
                      + " (envelope hash "
                      + HexFormat.of().formatHex(sha256(envelope))
                      + ")")
              .build());
    } catch (RuntimeException logFailure) {
      LOG.errorf(logFailure, "cannot record the rejected envelope %s", messageId);
    }
  }

  /** The refusal sent when the answer's audit entries cannot be written: nothing is disclosed. */
  private static StatusRuntimeException auditUnavailable() {
    return Refusals.refuse(
        Status.Code.UNAVAILABLE,
        Reason.AUDIT_UNAVAILABLE,
        "the answering node cannot write its audit record, so it discloses nothing; retry later");
  }

  private static byte[] sha256(Envelope e) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(e.toByteArray());
    } catch (java.security.NoSuchAlgorithmException x) {
      throw new IllegalStateException(x);
    }
  }
}
