package org.liaison.gateway.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.liaison.agreements.AgreementStore;
import org.liaison.agreements.LifecycleEvent;
import org.liaison.agreements.ReferenceAgreements;
import org.liaison.agreements.TestFederation;
import org.liaison.gateway.relay.RelayRefusal;
import org.liaison.wire.v1.Reason;

/**
 * The pins and the admission derived from agreements are kept between calls, and still an agreement
 * that ends, starts or is terminated takes effect on the first call after it does.
 */
class AgreementTrustTest {
  private static final String ID = "dea-ice-xdes-2009";
  private static final String ICE = "us.ice";
  private static final String DEA = "us.dea";

  private final LocalDate today = TestFederation.today();

  @Test
  void anAgreementThatEndsIsRefusedFromItsEndOn() throws Exception {
    Path dir = Files.createTempDirectory("agreement-trust");
    ReferenceAgreements.write(ID, TestFederation.pki(), dir, today.minusDays(30), today);
    Instant ends = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    SettableClock clock = new SettableClock(ends.minusSeconds(1));
    AgreementTrust trust = trust(dir, clock);

    trust.requireAgreementInForce(DEA);
    assertThat(trust.trustedPartners()).containsOnlyKeys(DEA);
    assertThat(trust.trustedPartners().get(DEA)).isNotEmpty();

    clock.set(ends.minusNanos(1));
    trust.requireAgreementInForce(DEA);
    clock.set(ends);
    assertThatThrownBy(() -> trust.requireAgreementInForce(DEA))
        .isInstanceOfSatisfying(
            RelayRefusal.class, r -> assertThat(r.reason()).isEqualTo(Reason.AGREEMENT_EXPIRED));
    assertThat(trust.trustedPartners()).isEmpty();
    // still named, so that an envelope of the ended agreement is refused for it, not as unknown
    assertThat(trust.namedPartners()).containsOnlyKeys(DEA);
  }

  @Test
  void anAgreementThatStartsIsAdmittedFromItsStartOn() throws Exception {
    Path dir = Files.createTempDirectory("agreement-trust");
    ReferenceAgreements.write(ID, TestFederation.pki(), dir, today.plusDays(1), today.plusDays(9));
    Instant starts = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    SettableClock clock = new SettableClock(starts.minus(Duration.ofHours(1)));
    AgreementTrust trust = trust(dir, clock);

    assertThatThrownBy(() -> trust.requireAgreementInForce(DEA))
        .isInstanceOfSatisfying(
            RelayRefusal.class,
            r -> assertThat(r.reason()).isEqualTo(Reason.AGREEMENT_NOT_IN_FORCE));
    assertThat(trust.trustedPartners()).isEmpty();

    clock.set(starts);
    trust.requireAgreementInForce(DEA);
    assertThat(trust.trustedPartners()).containsOnlyKeys(DEA);
  }

  @Test
  void aTerminatedAgreementIsRefusedOnTheNextCall() throws Exception {
    Path dir = Files.createTempDirectory("agreement-trust");
    ReferenceAgreements.write(
        ID, TestFederation.pki(), dir, today.minusDays(30), today.plusYears(1));
    SettableClock clock = new SettableClock(Instant.now());
    AgreementStore store = new AgreementStore(dir, Optional.empty(), clock);
    AgreementTrust trust = new AgreementTrust(ICE, store, clock);
    trust.requireAgreementInForce(DEA);
    assertThat(trust.trustedPartners()).containsOnlyKeys(DEA);

    store.record(ID, LifecycleEvent.Action.TERMINATE, DEA, "ended by the test");

    assertThatThrownBy(() -> trust.requireAgreementInForce(DEA))
        .isInstanceOfSatisfying(
            RelayRefusal.class, r -> assertThat(r.reason()).isEqualTo(Reason.AGREEMENT_TERMINATED));
    assertThat(trust.trustedPartners()).isEmpty();
  }

  @Test
  void aPartnerWithoutAgreementAndTheAgencyItselfAreRefused() throws Exception {
    Path dir = Files.createTempDirectory("agreement-trust");
    ReferenceAgreements.write(
        ID, TestFederation.pki(), dir, today.minusDays(30), today.plusYears(1));
    AgreementTrust trust = trust(dir, new SettableClock(Instant.now()));
    trust.requireAgreementInForce(DEA);

    for (String partner : new String[] {"ca.rcmp", ICE}) {
      assertThatThrownBy(() -> trust.requireAgreementInForce(partner))
          .isInstanceOfSatisfying(
              RelayRefusal.class, r -> assertThat(r.reason()).isEqualTo(Reason.NO_AGREEMENT));
    }
  }

  @Test
  void thePinsHandedOutCannotBeChanged() throws Exception {
    Path dir = Files.createTempDirectory("agreement-trust");
    ReferenceAgreements.write(
        ID, TestFederation.pki(), dir, today.minusDays(30), today.plusYears(1));
    AgreementTrust trust = trust(dir, new SettableClock(Instant.now()));

    assertThatThrownBy(() -> trust.trustedPartners().get(DEA).add("00"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> trust.namedPartners().remove(DEA))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(trust.trustedPartners().get(DEA)).doesNotContain("00");
  }

  private static AgreementTrust trust(Path dir, Clock clock) {
    return new AgreementTrust(ICE, new AgreementStore(dir, Optional.empty(), clock), clock);
  }

  private static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    void set(Instant at) {
      now = at;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
