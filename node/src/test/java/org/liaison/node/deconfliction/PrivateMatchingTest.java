package org.liaison.node.deconfliction;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.alerts.AlertOutbox;
import org.liaison.node.deconfliction.events.EventDeconfliction;
import org.liaison.node.deconfliction.filters.PartnerFilters;
import org.liaison.node.deconfliction.matching.MatchFanOut;
import org.liaison.node.deconfliction.matching.MatchInputs;
import org.liaison.node.deconfliction.matching.PrivateMatcher;
import org.liaison.node.deconfliction.quotas.QuotaReports;
import org.liaison.node.deconfliction.targets.TargetDeconfliction;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.node.records.ImportResult;
import org.liaison.node.records.ImportService;
import org.liaison.wire.geo.EventExtent;
import org.liaison.wire.geo.EventToken;
import org.liaison.wire.v1.Alert;
import org.liaison.wire.v1.BlindEvaluateRequest;
import org.liaison.wire.v1.ConfirmedConflict;
import org.liaison.wire.v1.ConflictClaimRequest;
import org.liaison.wire.v1.FilterRequest;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.PartnerQuota;
import org.liaison.wire.v1.PointOfContact;
import org.liaison.wire.v1.Reason;

/** Both sides of private matching on one node (loopback partner), real crypto, real H2. */
@QuarkusTest
@TestProfile(LoopbackProfile.class)
class PrivateMatchingTest {
  static final PartnerAgreement PARTNER =
      new PartnerAgreement(LoopbackProfile.PARTNER, LoopbackProfile.AGREEMENT);
  static final Instant TOMORROW_6AM_MIAMI =
      LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(11, 0).toInstant(ZoneOffset.UTC);

  @Inject ImportService imports;
  @Inject TargetDeconfliction targets;
  @Inject EventDeconfliction events;
  @Inject PrivateMatcher matcher;
  @Inject DeconflictionTerms terms;
  @Inject AlertOutbox alerts;
  @Inject QuotaReports quotas;
  @Inject LoopbackPartnerCall loop;
  @Inject DatabaseText database;
  @Inject PartnerFilters partnerFilters;

  @BeforeEach
  void holdings() {
    String start = TOMORROW_6AM_MIAMI.toString();
    String end = TOMORROW_6AM_MIAMI.plus(Duration.ofHours(3)).toString();
    for (String line :
        List.of(
            "{\"kind\":\"case\",\"caseNumber\":\"T-DC-HOLD\",\"agency\":\"us.test\",\"agent\":{\"name\":\"Agent"
                + " Holder\",\"phone\":\"+1 202 555"
                + " 0100\"},\"crimeCategories\":[\"DRUG_TRAFFICKING\"],\"status\":\"ACTIVE\"}",
            "{\"kind\":\"subject\",\"id\":\"dc-s-phone\",\"case\":\"T-DC-HOLD\",\"type\":\"PHONE\",\"identifiers\":[{\"type\":\"PHONE\",\"value\":\"+1"
                + " 305 555 0142\"}]}",
            "{\"kind\":\"subject\",\"id\":\"dc-s-volkov\",\"case\":\"T-DC-HOLD\",\"type\":\"PERSON\",\"name\":\"Dmitriy"
                + " Volkov\",\"dateOfBirth\":\"1979-03-14\"}",
            "{\"kind\":\"case\",\"caseNumber\":\"T-DC-NARC\",\"agency\":\"us.test\",\"agent\":{\"name\":\"Agent"
                + " Narc\"},\"crimeCategories\":[\"NARCOTICS\"],\"status\":\"ACTIVE\"}",
            "{\"kind\":\"subject\",\"id\":\"dc-s-narc\",\"case\":\"T-DC-NARC\",\"type\":\"PHONE\",\"identifiers\":[{\"type\":\"PHONE\",\"value\":\"+1"
                + " 305 555 0199\"}]}",
            "{\"kind\":\"case\",\"caseNumber\":\"T-DC-CLOSED\",\"agency\":\"us.test\",\"agent\":{\"name\":\"Agent"
                + " Closed\"},\"crimeCategories\":[\"DRUG_TRAFFICKING\"],\"status\":\"CLOSED\",\"closed\":\"2025-01-01\"}",
            "{\"kind\":\"subject\",\"id\":\"dc-s-closed\",\"case\":\"T-DC-CLOSED\",\"type\":\"PHONE\",\"identifiers\":[{\"type\":\"PHONE\",\"value\":\"+1"
                + " 305 555 0150\"}]}",
            "{\"kind\":\"operation\",\"id\":\"dc-op-warrant\",\"case\":\"T-DC-HOLD\",\"type\":\"SEARCH_WARRANT\",\"latitude\":25.7617,\"longitude\":-80.1918,\"radiusMetres\":50,\"start\":\""
                + start
                + "\",\"end\":\""
                + end
                + "\"}")) {
      ImportResult r = imports.importLine(1, line);
      assertThat(r.accepted()).as(r.message()).isTrue();
    }
  }

  @Test
  void phoneHeldInActiveCase_isAConflictWithContactOnly_alertedOnBothSidesExactlyOnce() {
    // the partner's filter is fetched whole by this check, whatever the other tests fetched before
    partnerFilters.clear();
    loop.clear();
    List<MatchFanOut.Outcome> outcomes = targetCheck(phone("+13055550142"), "Q-CASE-1");

    assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.failure()).isNull());
    assertThat(outcomes.get(0).conflicts())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getCaseReference()).isEqualTo("T-DC-HOLD");
              assertThat(c.getPointOfContact().getName()).isEqualTo("Agent Holder");
            });
    List<Alert> pending = alerts.pending(null);
    assertThat(pending)
        .filteredOn(a -> a.getCaseReference().equals("Q-CASE-1"))
        .singleElement()
        .satisfies(a -> assertThat(a.getPartnerCaseReference()).isEqualTo("T-DC-HOLD"));
    assertThat(pending)
        .filteredOn(a -> a.getCaseReference().equals("T-DC-HOLD"))
        .filteredOn(a -> a.getPartnerCaseReference().equals("Q-CASE-1"))
        .singleElement()
        .satisfies(a -> assertThat(a.getKind()).isEqualTo(MatchKind.TARGET));

    targetCheck(phone("+13055550142"), "Q-CASE-1");
    assertThat(alerts.pending(null)).hasSize(pending.size());

    // the partner's filter is larger than one part here: it came in several, all of one generation
    List<FilterRequest> parts = new ArrayList<>();
    for (LoopbackPartnerCall.Sent sent : loop.sent()) {
      if (sent.header().contentType().equals(FilterRequest.getDescriptor().getFullName())) {
        FilterRequest q = parse(sent.payload());
        if (q.getKind() == MatchKind.TARGET && q.getPart() > 0) {
          parts.add(q);
        }
      }
    }
    assertThat(parts).isNotEmpty();
    assertThat(parts)
        .extracting(FilterRequest::getSnapshotGeneration)
        .containsOnly(parts.get(0).getSnapshotGeneration());
  }

  private static FilterRequest parse(byte[] payload) {
    try {
      return FilterRequest.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void cyrillicNameWithDateOfBirth_matchesTheLatinSpelling_butNotAnotherBirthday() {
    assertThat(
            targetCheck(MatchInputs.person("Дмитрий Волков", LocalDate.of(1979, 3, 14)), "Q-CASE-3")
                .get(0)
                .conflicts())
        .extracting(ConfirmedConflict::getCaseReference)
        .containsExactly("T-DC-HOLD");
    assertThat(
            targetCheck(MatchInputs.person("Дмитрий Волков", LocalDate.of(1980, 3, 14)), "Q-CASE-3")
                .get(0)
                .conflicts())
        .isEmpty();
  }

  @Test
  void outOfScopeClosedAndUnknownTargets_noConflict_noClaim_andNoTraceOfTheProbes() {
    loop.clear();
    Set<ByteString> probes = new LinkedHashSet<>();
    probes.addAll(phone("+13055550199")); // held, but a NARCOTICS case outside the agreement
    probes.addAll(phone("+13055550150")); // held, closed case
    probes.addAll(phone("+12025550123")); // not held
    probes.add(MatchInputs.identifier(IdentifierType.EMAIL, "leak.probe@example.org"));

    List<MatchFanOut.Outcome> outcomes = targetCheck(probes, "Q-CASE-LEAK");

    assertThat(outcomes.get(0).failure()).isNull();
    assertThat(outcomes.get(0).conflicts()).isEmpty();
    List<LoopbackPartnerCall.Sent> sent = loop.sent();
    // the probes did travel (blinded) and were evaluated; no claim followed
    assertThat(sent)
        .anyMatch(
            m ->
                m.header()
                    .contentType()
                    .equals(BlindEvaluateRequest.getDescriptor().getFullName()));
    assertThat(sent)
        .noneMatch(
            m ->
                m.header()
                    .contentType()
                    .equals(ConflictClaimRequest.getDescriptor().getFullName()));
    assertThat(sent).allSatisfy(m -> assertThat(m.header().scope().caseReference()).isEmpty());
    for (byte[] payload : sent.stream().map(LoopbackPartnerCall.Sent::payload).toList()) {
      String seen = new String(payload, StandardCharsets.ISO_8859_1);
      assertThat(seen).doesNotContain("2025550123").doesNotContain("leak.probe");
      for (ByteString input : probes) {
        assertThat(ByteString.copyFrom(payload).toStringUtf8())
            .doesNotContain(input.toStringUtf8());
      }
    }
    assertThat(database.containing("2025550123")).isEmpty();
    assertThat(database.containing("leak.probe")).isEmpty();
  }

  @Test
  void operation300mAwayInAnOverlappingWindow_isAnOfficerSafetyConflict_fartherOrLaterIsNot() {
    EventExtent near =
        new EventExtent(
            25.7644,
            -80.1918,
            50,
            TOMORROW_6AM_MIAMI.plus(Duration.ofMinutes(90)),
            TOMORROW_6AM_MIAMI.plus(Duration.ofHours(5)));
    long before = answeredToday();
    List<ConfirmedConflict> conflicts = eventCheck(near, "Q-CASE-6");
    // the blind evaluation counts one probe per token; the claim's PRF values count on top
    int tokens = terms.eventTokens(LoopbackProfile.AGREEMENT).tokens(near).size();
    assertThat(answeredToday() - before).isGreaterThan(tokens);
    // the warrant conflicts (and any other operation held near it, such as another test's)
    assertThat(conflicts)
        .filteredOn(c -> c.getCaseReference().equals("T-DC-HOLD"))
        .singleElement()
        .satisfies(c -> assertThat(c.getPointOfContact().getName()).isEqualTo("Agent Holder"));
    assertThat(conflicts)
        .allSatisfy(c -> assertThat(c.getDistanceMetres()).as("no geometry is revealed").isZero());
    assertThat(alerts.pending("T-DC-HOLD"))
        .anySatisfy(
            a -> {
              assertThat(a.getKind()).isEqualTo(MatchKind.EVENT);
              assertThat(a.getPartnerCaseReference()).isEqualTo("Q-CASE-6");
              assertThat(a.getMessage()).startsWith("OFFICER SAFETY");
            });

    EventExtent farAway = new EventExtent(25.8617, -80.1918, 50, near.start(), near.end());
    assertThat(eventCheck(farAway, "Q-CASE-6B")).isEmpty();
    EventExtent dayLater =
        new EventExtent(
            25.7644,
            -80.1918,
            50,
            near.start().plus(1, ChronoUnit.DAYS),
            near.end().plus(1, ChronoUnit.DAYS));
    assertThat(eventCheck(dayLater, "Q-CASE-6C")).isEmpty();
  }

  @Test
  void alerts_stayPendingUntilAcknowledged() {
    targetCheck(phone("+13055550142"), "Q-CASE-ACK");
    List<Alert> before = alerts.pending("Q-CASE-ACK");
    assertThat(before).singleElement();
    Alert first = before.get(0);
    alerts.delivered(first.getId());
    assertThat(alerts.pending(null)).extracting(Alert::getId).contains(first.getId());
    assertThat(alerts.acknowledge(List.of(first.getId()))).isEqualTo(1);
    assertThat(alerts.acknowledge(List.of(first.getId()))).isZero();
    assertThat(alerts.pending(null)).extracting(Alert::getId).doesNotContain(first.getId());
  }

  @Test
  void quotaExhausted_refusedWithASentence_andCountedOnBothSides() {
    // one probe counted today, whatever ran before: a count to see on both sides
    assertThat(targetCheck(phone("+12025550100"), "Q-CASE-Q").get(0).failure()).isNull();
    Set<ByteString> many = new LinkedHashSet<>();
    for (int i = 0; i < LoopbackProfile.LOCAL_CAP + 1; i++) {
      many.addAll(phone(String.format("+1202555%04d", i)));
    }
    MatchFanOut.Outcome o = targetCheck(many, "Q-CASE-Q").get(0);
    assertThat(o.failure()).isNotNull();
    assertThat(o.failure().status()).isEqualTo(PartnerAnswer.Status.REFUSED);
    assertThat(o.failure().reason()).isEqualTo(Reason.QUOTA_EXHAUSTED);
    assertThat(o.failure().getMessage())
        .contains("de-confliction probes per day")
        .contains("resets at 00:00 UTC");

    PartnerQuota q =
        quotas.today().getPartnersList().stream()
            .filter(p -> p.getPartnerAgency().equals(LoopbackProfile.PARTNER))
            .findFirst()
            .orElseThrow();
    assertThat(q.getAnsweredLimit()).isEqualTo(LoopbackProfile.LOCAL_CAP);
    assertThat(q.getAnsweredToday()).isPositive().isLessThanOrEqualTo(LoopbackProfile.LOCAL_CAP);
    assertThat(q.getSentToday()).isEqualTo(q.getAnsweredToday());
    assertThat(q.getPartnerLimit()).isEqualTo(LoopbackProfile.LOCAL_CAP);
  }

  private List<MatchFanOut.Outcome> targetCheck(Set<ByteString> inputs, String caseReference) {
    List<MatchFanOut.Outcome> out = new ArrayList<>();
    targets
        .check(p -> inputs, caseReference, "officer-1", List.of(PARTNER), 10_000, out::add)
        .join();
    return out;
  }

  /**
   * Issue 11: a second, different operation of the same case conflicting with the same held
   * operation is a new conflict, alerted on the holder's side and confirmed as recorded; checking
   * either operation again alerts nothing new.
   */
  @Test
  void secondOperationOfTheSameCase_isAnotherConflictAlertedOnce() {
    EventExtent first =
        new EventExtent(
            25.7644,
            -80.1918,
            50,
            TOMORROW_6AM_MIAMI.plus(Duration.ofMinutes(90)),
            TOMORROW_6AM_MIAMI.plus(Duration.ofHours(5)));
    EventExtent second =
        new EventExtent(25.7650, -80.1925, 60, first.start().plusSeconds(1800), first.end());
    ConfirmedConflict one = withTheWarrant(eventCheck(first, "Q-CASE-11", "op-11-a"));
    int afterFirst = alerts.pending("T-DC-HOLD").size();
    ConfirmedConflict two = withTheWarrant(eventCheck(second, "Q-CASE-11", "op-11-b"));
    assertThat(one.getAlertRecorded()).isTrue();
    assertThat(two.getAlertRecorded()).isTrue();
    assertThat(two.getConflictId()).isNotEmpty().isNotEqualTo(one.getConflictId());
    assertThat(alerts.pending("T-DC-HOLD")).hasSize(afterFirst + 1);
    assertThat(withTheWarrant(eventCheck(second, "Q-CASE-11", "op-11-b")).getConflictId())
        .isEqualTo(two.getConflictId());
    assertThat(withTheWarrant(eventCheck(first, "Q-CASE-11", "op-11-a")).getConflictId())
        .isEqualTo(one.getConflictId());
    assertThat(alerts.pending("T-DC-HOLD")).hasSize(afterFirst + 1);
  }

  /**
   * The real claimant path (a stored operation checked by {@link EventDeconfliction}): the claim
   * that reaches the partner names PRF values, the case, the contact and an opaque reference, and
   * nothing of where or when the operation is.
   */
  @Test
  void anEventClaimsBytes_carryNoCoordinatesRadiusOrWindow() throws Exception {
    Instant start = TOMORROW_6AM_MIAMI.plus(Duration.ofMinutes(37));
    Instant end = start.plus(Duration.ofMinutes(143));
    double lat = 25.76431234;
    double lon = -80.19176543;
    double radius = 77.25;
    String line =
        "{\"kind\":\"case\",\"caseNumber\":\"T-DC-CLAIMANT\",\"agency\":\"us.test\",\"agent\":{\"name\":\"Agent"
            + " Claimant\"},\"crimeCategories\":[\"DRUG_TRAFFICKING\"],\"status\":\"ACTIVE\"}";
    assertThat(imports.importLine(1, line).accepted()).isTrue();
    String op =
        "{\"kind\":\"operation\",\"id\":\"dc-op-claimant-secret\",\"case\":\"T-DC-CLAIMANT\","
            + "\"type\":\"SURVEILLANCE\",\"latitude\":"
            + lat
            + ",\"longitude\":"
            + lon
            + ",\"radiusMetres\":"
            + radius
            + ",\"start\":\""
            + start
            + "\",\"end\":\""
            + end
            + "\"}";
    ImportResult stored = imports.importLine(1, op);
    assertThat(stored.accepted()).as(stored.message()).isTrue();
    loop.clear();

    List<MatchFanOut.Outcome> outcomes = new ArrayList<>();
    events
        .checkOperation(
            "dc-op-claimant-secret", "officer-1", List.of(PARTNER), 10_000, outcomes::add)
        .join();
    assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.failure()).isNull());
    assertThat(outcomes.get(0).conflicts())
        .as("the warrant 290 m away in an overlapping window conflicts")
        .anySatisfy(c -> assertThat(c.getCaseReference()).isEqualTo("T-DC-HOLD"));

    List<byte[]> claims =
        loop.sent().stream()
            .filter(
                x ->
                    x.header()
                        .contentType()
                        .equals(ConflictClaimRequest.getDescriptor().getFullName()))
            .map(LoopbackPartnerCall.Sent::payload)
            .toList();
    assertThat(claims).isNotEmpty();
    for (byte[] bytes : claims) {
      ConflictClaimRequest claim = ConflictClaimRequest.parseFrom(bytes);
      assertThat(claim.getUnknownFields().asMap()).isEmpty();
      assertThat(claim.getOperationReference()).hasSize(32).doesNotContain("dc-op");
      for (double d : new double[] {lat, lon, radius}) {
        assertThat(contains(bytes, littleEndian(Double.doubleToLongBits(d))))
            .as("the claim holds the double " + d)
            .isFalse();
      }
      for (Instant t : new Instant[] {start, end}) {
        assertThat(contains(bytes, littleEndian(t.toEpochMilli()))).isFalse();
        assertThat(contains(bytes, varint(t.toEpochMilli()))).as("epoch ms of " + t).isFalse();
        assertThat(contains(bytes, varint(t.getEpochSecond()))).as("epoch s of " + t).isFalse();
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(t.toString());
      }
      assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
          .doesNotContain("25.764")
          .doesNotContain("80.191")
          .doesNotContain("dc-op-claimant-secret");
    }
  }

  private static byte[] littleEndian(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    return b;
  }

  private static byte[] varint(long v) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    return out.toByteArray();
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The conflict with the held warrant (of case T-DC-HOLD) among an event check's conflicts. */
  private static ConfirmedConflict withTheWarrant(List<ConfirmedConflict> conflicts) {
    return conflicts.stream()
        .filter(c -> c.getCaseReference().equals("T-DC-HOLD"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no conflict with the warrant in " + conflicts));
  }

  private List<ConfirmedConflict> eventCheck(EventExtent op, String caseReference) {
    return eventCheck(op, caseReference, "");
  }

  private List<ConfirmedConflict> eventCheck(
      EventExtent op, String caseReference, String operationId) {
    Set<ByteString> tokens = new LinkedHashSet<>();
    for (EventToken t : terms.eventTokens(LoopbackProfile.AGREEMENT).tokens(op)) {
      tokens.add(MatchInputs.event(t));
    }
    PrivateMatcher.Claimant who =
        new PrivateMatcher.Claimant(
            caseReference,
            PointOfContact.newBuilder().setName("Agent Q").build(),
            "officer-1",
            "ref-" + caseReference + "-" + operationId);
    return matcher.match(PARTNER, MatchKind.EVENT, tokens, who, 10_000).join();
  }

  private long answeredToday() {
    return quotas.today().getPartnersList().stream()
        .filter(p -> p.getPartnerAgency().equals(LoopbackProfile.PARTNER))
        .mapToLong(PartnerQuota::getAnsweredToday)
        .sum();
  }

  private static Set<ByteString> phone(String e164) {
    return Set.of(MatchInputs.identifier(IdentifierType.PHONE, e164));
  }
}
