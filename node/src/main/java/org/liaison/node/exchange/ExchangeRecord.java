package org.liaison.node.exchange;

/** What {@link ExchangeLog} records about one request or answer. */
public record ExchangeRecord(
    Direction direction,
    String partnerAgency,
    String agreementId,
    String purpose,
    String caseReference,
    String officerId,
    String messageId,
    String contentType,
    String outcome,
    String reason,
    String detail) {

  public enum Direction {
    IN,
    OUT
  }
}
