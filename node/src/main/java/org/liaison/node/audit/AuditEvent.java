package org.liaison.node.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.liaison.node.federation.ExchangeScope;
import org.liaison.wire.v1.AuditKind;

/**
 * What happened, as a caller tells {@link AuditLog#append}. The log adds the index, time, own
 * agency and node, and hashes matched identifiers with its salt; a probe that matched nothing keeps
 * only its type.
 *
 * <pre>{@code
 * audit.append(AuditEvent.builder(AuditKind.WORKFLOW)
 *     .direction(AuditEvent.Direction.LOCAL).officer("officer-1").caseReference("ICE-1")
 *     .outcome("CONSENT_REQUESTED").detail("asked us.cbp for consent to pass R-17 to us.ioc2")
 *     .datum(AuditEvent.Datum.records("R-17")).build());
 * }</pre>
 */
public record AuditEvent(
    AuditKind kind,
    Direction direction,
    String requestingAgency,
    String answeringAgency,
    String officerId,
    String agreementId,
    String purpose,
    String caseReference,
    String messageId,
    String contentType,
    String outcome,
    String reason,
    String detail,
    List<Datum> data,
    byte[] requestHash) {

  /** IN: a partner asked this node; OUT: this node asked a partner; LOCAL: neither. */
  public enum Direction {
    IN,
    OUT,
    LOCAL
  }

  /**
   * Data concerned. {@code matchedValue} (an identifier that matched, in the form it matched) is
   * stored only as a salted hash; it is null for a probe that matched nothing.
   */
  public record Datum(String identifierType, String matchedValue, List<String> recordIds) {
    public Datum {
      recordIds = List.copyOf(recordIds);
    }

    /** An identifier that matched records here (or at a partner, for our own query). */
    public static Datum matched(String type, String value, List<String> recordIds) {
      return new Datum(type, value, recordIds);
    }

    /** A probe that matched nothing: its type only. */
    public static Datum probe(String type) {
      return new Datum(type, null, List.of());
    }

    /** Records concerned, without an identifier. */
    public static Datum records(String... ids) {
      return new Datum("", null, List.of(ids));
    }
  }

  public AuditEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(direction, "direction");
    data = data == null ? List.of() : List.copyOf(data);
    requestHash = requestHash == null ? new byte[0] : requestHash.clone();
  }

  @Override
  public byte[] requestHash() {
    return requestHash.clone();
  }

  public static Builder builder(AuditKind kind) {
    return new Builder(kind);
  }

  /** Builds an event; every field but the kind is optional. */
  public static final class Builder {
    private final AuditKind kind;
    private Direction direction = Direction.LOCAL;
    private String requestingAgency;
    private String answeringAgency;
    private String officerId;
    private String agreementId;
    private String purpose;
    private String caseReference;
    private String messageId;
    private String contentType;
    private String outcome;
    private String reason;
    private String detail;
    private final List<Datum> data = new ArrayList<>();
    private byte[] requestHash;

    private Builder(AuditKind kind) {
      this.kind = kind;
    }

    public Builder direction(Direction d) {
      this.direction = d;
      return this;
    }

    /**
     * An exchange with a partner: IN when the partner asked (it is the requesting agency), OUT when
     * this node asked (the partner answers); the scope's agreement, purpose and case come with it.
     */
    public Builder exchange(Direction d, ExchangeScope scope) {
      switch (d) {
        case IN -> this.requestingAgency = scope.partnerAgency();
        case OUT -> this.answeringAgency = scope.partnerAgency();
        case LOCAL ->
            throw new IllegalArgumentException("an exchange with a partner goes IN or OUT");
      }
      this.direction = d;
      this.agreementId = scope.agreementId();
      this.purpose = scope.purpose();
      this.caseReference = scope.caseReference();
      return this;
    }

    public Builder requestingAgency(String v) {
      this.requestingAgency = v;
      return this;
    }

    public Builder answeringAgency(String v) {
      this.answeringAgency = v;
      return this;
    }

    public Builder officer(String v) {
      this.officerId = v;
      return this;
    }

    public Builder agreement(String v) {
      this.agreementId = v;
      return this;
    }

    public Builder purpose(String v) {
      this.purpose = v;
      return this;
    }

    public Builder caseReference(String v) {
      this.caseReference = v;
      return this;
    }

    public Builder messageId(String v) {
      this.messageId = v;
      return this;
    }

    public Builder contentType(String v) {
      this.contentType = v;
      return this;
    }

    public Builder outcome(String v) {
      this.outcome = v;
      return this;
    }

    public Builder reason(String v) {
      this.reason = v;
      return this;
    }

    public Builder detail(String v) {
      this.detail = v;
      return this;
    }

    public Builder datum(Datum d) {
      this.data.add(d);
      return this;
    }

    public Builder requestHash(byte[] v) {
      this.requestHash = v;
      return this;
    }

    public AuditEvent build() {
      return new AuditEvent(
          kind,
          direction,
          requestingAgency,
          answeringAgency,
          officerId,
          agreementId,
          purpose,
          caseReference,
          messageId,
          contentType,
          outcome,
          reason,
          detail,
          data,
          requestHash);
    }
  }
}
