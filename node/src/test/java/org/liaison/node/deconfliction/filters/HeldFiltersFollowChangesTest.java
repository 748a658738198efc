package org.liaison.node.deconfliction.filters;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.LoopbackProfile;
import org.liaison.node.deconfliction.matching.MatchInputs;
import org.liaison.node.deconfliction.matching.OprfKeys;
import org.liaison.node.deconfliction.targets.HoldableActiveTargets;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.node.records.ImportService;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.MatchKind;

/**
 * A target filter follows the cases that changed (decision 0047) and keeps every promise of the
 * filter that re-read every target: a case closed, moved out of the agreement's crime categories, a
 * subject removed or an identifier changed outside the importer all take their targets out, while a
 * target another case still holds stays, with that case behind it; and the catch-up after a change
 * reads that case, not the agency. Real node, real database; the partner is this node asking itself
 * through the loopback with the partner's own filter client.
 */
@QuarkusTest
@TestProfile(LoopbackProfile.class)
class HeldFiltersFollowChangesTest {
  private static final PartnerAgreement PARTNER =
      new PartnerAgreement(LoopbackProfile.PARTNER, LoopbackProfile.AGREEMENT);
  private static final Duration LONG_ENOUGH = Duration.ofSeconds(30);

  @Inject ImportService imports;
  @Inject HeldFilters held;
  @Inject PartnerFilters partnerFilters;
  @Inject OprfKeys keys;
  @Inject HoldableActiveTargets targets;
  @Inject AgroalDataSource db;

  @Test
  void aClosedCase_andACaseOutOfScope_leaveTheFilter_andATargetAnotherCaseHoldsStays() {
    importLine(aCase("T-FC-A", "DRUG_TRAFFICKING", "ACTIVE"));
    importLine(aCase("T-FC-B", "HUMAN_SMUGGLING", "ACTIVE"));
    importLine(aCase("T-FC-C", "DRUG_TRAFFICKING", "ACTIVE"));
    ByteString shared = importPhone("T-FC-A", "fc-a-shared", "+1 305 555 0181");
    importPhone("T-FC-B", "fc-b-shared", "+1 305 555 0181");
    ByteString onlyA = importPhone("T-FC-A", "fc-a-own", "+1 305 555 0182");
    ByteString onlyC = importPhone("T-FC-C", "fc-c-own", "+1 305 555 0183");
    awaitCases(shared, Set.of("T-FC-A", "T-FC-B"));
    awaitCases(onlyA, Set.of("T-FC-A"));
    awaitCases(onlyC, Set.of("T-FC-C"));

    importLine(aCase("T-FC-A", "DRUG_TRAFFICKING", "CLOSED"));
    awaitCases(onlyA, Set.of());
    awaitCases(shared, Set.of("T-FC-B"));
    assertThat(partnerHolds(shared)).as("the shared target stays in the partner's copy").isTrue();

    importLine(aCase("T-FC-C", "MONEY_LAUNDERING", "ACTIVE"));
    awaitCases(onlyC, Set.of());

    importLine(aCase("T-FC-B", "HUMAN_SMUGGLING", "CLOSED"));
    awaitCases(shared, Set.of());

    // back in scope and active: its targets come back
    importLine(aCase("T-FC-C", "HUMAN_SMUGGLING", "ACTIVE"));
    awaitCases(onlyC, Set.of("T-FC-C"));
  }

  @Test
  void aSubjectRemoved_andAnIdentifierChanged_outsideTheImporter_leaveTheFilter() throws Exception {
    importLine(aCase("T-FC-D", "DRUG_TRAFFICKING", "ACTIVE"));
    ByteString removed = importPhone("T-FC-D", "fc-d-removed", "+1 305 555 0184");
    ByteString changed = importPhone("T-FC-D", "fc-d-changed", "+1 305 555 0185");
    ByteString kept = importPhone("T-FC-D", "fc-d-kept", "+1 305 555 0186");
    awaitCases(removed, Set.of("T-FC-D"));
    awaitCases(changed, Set.of("T-FC-D"));

    sql(
        "delete from identifiers where subject_id = (select id from subjects where external_id ="
            + " 'fc-d-removed')");
    sql("delete from subjects where external_id = 'fc-d-removed'");
    held.invalidate(); // not known case by case: every case is walked again
    awaitCases(removed, Set.of());

    sql(
        "update identifiers set normalised_value = '+13055550187' where normalised_value ="
            + " '+13055550185'");
    held.invalidate("T-FC-D");
    ByteString changedTo = MatchInputs.identifier(IdentifierType.PHONE, "+13055550187");
    awaitCases(changed, Set.of());
    awaitCases(changedTo, Set.of("T-FC-D"));
    awaitCases(kept, Set.of("T-FC-D"));
    assertThat(partnerHolds(changedTo)).isTrue();
    assertThat(partnerHolds(removed)).isFalse();
    assertThat(partnerHolds(changed)).isFalse();
  }

  @Test
  void theCatchUpAfterAChange_readsTheCaseThatChanged_notEveryCase() throws Exception {
    importLine(aCase("T-FC-E", "DRUG_TRAFFICKING", "ACTIVE"));
    importLine(aCase("T-FC-F", "DRUG_TRAFFICKING", "ACTIVE"));
    importPhone("T-FC-F", "fc-f-phone", "+1 305 555 0188");
    held.current(PARTNER.agency(), PARTNER.agreementId(), MatchKind.TARGET);
    await(held::caughtUp);
    assertThat(held.caughtUp()).isTrue();
    targets.takeCasesReadByCatchUp();

    ByteString added = importPhone("T-FC-E", "fc-e-phone", "+1 305 555 0189");
    AtomicReference<List<String>> read = new AtomicReference<>(List.of());
    await(
        () -> {
          read.set(targets.takeCasesReadByCatchUp());
          return !read.get().isEmpty();
        });
    assertThat(read.get()).containsExactly("T-FC-E");
    awaitCases(added, Set.of("T-FC-E"));
  }

  /** Waits until the cases behind the target's PRF value in the published filter are these. */
  private void awaitCases(ByteString input, Set<String> cases) {
    await(() -> casesBehind(input).equals(cases));
    assertThat(casesBehind(input)).isEqualTo(cases);
    if (cases.isEmpty()) {
      assertThat(partnerHolds(input)).as("gone from the partner's copy too").isFalse();
    } else {
      assertThat(partnerHolds(input)).as("in the partner's copy").isTrue();
    }
  }

  private Set<String> casesBehind(ByteString input) {
    HeldFilter f = held.current(PARTNER.agency(), PARTNER.agreementId(), MatchKind.TARGET);
    return f.refsFor(prf(input, f.epoch));
  }

  private ByteString prf(ByteString input, long epoch) {
    return ByteString.copyFrom(
        keys.ring().server(PARTNER.agency(), epoch).evaluate(input.toByteArray()));
  }

  /** Whether the partner's copy of the filter, fetched as a partner does, holds the input. */
  private boolean partnerHolds(ByteString input) {
    PartnerFilters.Cached filter =
        partnerFilters.refresh(PARTNER, MatchKind.TARGET, "officer-fc", 30_000).join();
    return filter.filter().mightContain(prf(input, filter.epoch()).toByteArray());
  }

  private static void await(BooleanSupplier condition) {
    long until = System.nanoTime() + LONG_ENOUGH.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < until) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      assertThat(s.executeUpdate()).as(statement).isPositive();
    }
  }

  private static String aCase(String caseNumber, String category, String status) {
    return "{\"kind\":\"case\",\"caseNumber\":\""
        + caseNumber
        + "\",\"agency\":\"us.test\",\"agent\":{\"name\":\"Agent Follow\"},"
        + "\"crimeCategories\":[\""
        + category
        + "\"],\"status\":\""
        + status
        + "\"}";
  }

  private ByteString importPhone(String caseNumber, String id, String phone) {
    return LinesImported.phone(imports, caseNumber, id, phone);
  }

  private void importLine(String line) {
    LinesImported.line(imports, line);
  }
}
