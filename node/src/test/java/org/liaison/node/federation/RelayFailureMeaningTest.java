package org.liaison.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liaison.wire.transport.Refusals;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.Reason;

/** What the officer is told when a relayed call fails: retry later, refused, or rejected. */
class RelayFailureMeaningTest {

  @ParameterizedTest
  @CsvSource({
    "UNAVAILABLE, PARTNER_UNAVAILABLE, UNAVAILABLE",
    "UNAVAILABLE, AUDIT_UNAVAILABLE, UNAVAILABLE",
    "DEADLINE_EXCEEDED, DEADLINE_EXCEEDED, DEADLINE_EXCEEDED",
    "RESOURCE_EXHAUSTED, RATE_LIMITED, REFUSED",
    "PERMISSION_DENIED, AGREEMENT_SUSPENDED, REFUSED",
    "NOT_FOUND, NO_ROUTE, REFUSED",
    "PERMISSION_DENIED, SIGNATURE_INVALID, REJECTED",
  })
  void eachReason_hasTheStatusAnOfficerCanActOn(
      Status.Code code, Reason reason, PartnerAnswer.Status expected) {
    ExchangeFailure f = ExchangeFailure.of(Refusals.refuse(code, reason, "a sentence"), "us.dea");
    assertThat(f.status()).isEqualTo(expected);
    assertThat(f.reason()).isEqualTo(reason);
    assertThat(f.getMessage()).contains("a sentence");
  }
}
