package org.liaison.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Tier;
import org.liaison.wire.vocabulary.RecordCategory;

class AgreementParserTest {
  private static final String FP = "ab".repeat(32);

  /** A valid document; each test breaks one thing in it. Lines are numbered in comments. */
  private static final String VALID =
      String.join(
          "\n",
          "id: test-1", // 1
          "version: 1", // 2
          "parties:", // 3
          "  - agency: us.ice", // 4
          "    ca_sha256: " + FP, // 5
          "  - agency: ru.skr", // 6
          "    ca_sha256: " + FP.toUpperCase(), // 7
          "start: 2020-01-01", // 8
          "end: 2030-12-31", // 9
          "purposes: [HUMAN_SMUGGLING]", // 10
          "crime_categories: [HUMAN_SMUGGLING]", // 11
          "directions:", // 12
          "  - from: us.ice", // 13
          "    to: ru.skr", // 14
          "    roles: ['*']", // 15
          "    records:", // 16
          "      - category: CASE_SUMMARY", // 17
          "        tier: SUMMARY", // 18
          "        fields: [name, date_of_birth]", // 19
          "rate_limits: {queries_per_day: 10, deconfliction_probes_per_day: 20}", // 20
          "deconfliction: {target: true, event: false}", // 21
          "feedback: {owed_to_originator: true, within_days: 30}", // 22
          "service_levels: {respond_within_hours: 72, designation_requests_tracked: false}", // 23
          "");

  @Test
  void parse_validDocument() {
    ParseResult r = AgreementParser.parse(VALID);
    assertThat(r.errors()).isEmpty();
    Agreement a = r.agreement().orElseThrow();
    assertThat(a.party("ru.skr").orElseThrow().caSha256()).isEqualTo(FP);
    Direction d = a.direction("us.ice", "ru.skr").orElseThrow();
    assertThat(d.purposesClause()).isEqualTo("purposes");
    assertThat(d.terms(RecordCategory.CASE_SUMMARY).orElseThrow().tier()).isEqualTo(Tier.SUMMARY);
    assertThat(d.terms(RecordCategory.CASE_SUMMARY).orElseThrow().fields())
        .containsExactlyInAnyOrder("name", "date_of_birth");
    assertThat(a.direction("ru.skr", "us.ice")).isEmpty();
    assertThat(a.rateLimits().queriesPerDay()).isEqualTo(10);
  }

  @Test
  void parse_eventBuffersAreClausesOfTheAgreement_withTheSameDefaultsOnBothSides() {
    Agreement defaults = AgreementParser.parse(VALID).agreement().orElseThrow();
    assertThat(defaults.deconfliction().eventBufferMetres()).isEqualTo(500);
    assertThat(defaults.deconfliction().eventBufferMinutes()).isEqualTo(60);

    Agreement set =
        AgreementParser.parse(
                VALID.replace(
                    "deconfliction: {target: true, event: false}",
                    "deconfliction: {target: true, event: true, event_buffer_metres: 250,"
                        + " event_buffer_minutes: 15}"))
            .agreement()
            .orElseThrow();
    assertThat(set.deconfliction().eventBufferMetres()).isEqualTo(250);
    assertThat(set.deconfliction().eventBufferMinutes()).isEqualTo(15);

    assertThat(
            AgreementParser.parse(
                    VALID.replace(
                        "deconfliction: {target: true, event: false}",
                        "deconfliction: {target: true, event: true, event_buffer_metres: -1}"))
                .errors())
        .extracting(ValidationError::field)
        .containsExactly("deconfliction.event_buffer_metres");
  }

  @Test
  void parse_missingFieldNamesLineAndField() {
    ParseResult r = AgreementParser.parse(VALID.replace("    to: ru.skr\n", ""));
    assertThat(r.valid()).isFalse();
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("directions[0].to");
              assertThat(e.line()).isEqualTo(13);
              assertThat(e.message()).contains("missing");
            });
  }

  @Test
  void parse_badDateNamesLineAndField() {
    ParseResult r = AgreementParser.parse(VALID.replace("end: 2030-12-31", "end: 2030-13-01"));
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("end");
              assertThat(e.line()).isEqualTo(9);
              assertThat(e.toString())
                  .isEqualTo("line 9, field end: '2030-13-01' is not a date (YYYY-MM-DD)");
            });
  }

  /** The error {@code field} gets when {@code line} of the valid document is written {@code as}. */
  private static String errorOf(String line, String as, String field) {
    ParseResult r = AgreementParser.parse(VALID.replace(line, as));
    return r.errors().stream()
        .filter(e -> e.field().equals(field))
        .map(ValidationError::toString)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no error on " + field + ": " + r.errors()));
  }

  @Test
  void parse_eachBadValueNamesItsLineFieldAndWhatIsExpected() {
    String deconfliction = "deconfliction: {target: true, event: false}";
    assertThat(
            errorOf(
                deconfliction,
                "deconfliction: {target: maybe, event: false}",
                "deconfliction.target"))
        .isEqualTo("line 21, field deconfliction.target: 'maybe' is not true or false");
    assertThat(
            errorOf(
                deconfliction,
                "deconfliction: {target: true, event: true, event_buffer_minutes: soon}",
                "deconfliction.event_buffer_minutes"))
        .isEqualTo(
            "line 21, field deconfliction.event_buffer_minutes: 'soon' is not a whole number");
    assertThat(
            errorOf(
                "feedback: {owed_to_originator: true, within_days: 30}",
                "feedback: {owed_to_originator: true}",
                "feedback.within_days"))
        .isEqualTo("line 22, field feedback.within_days: missing (required)");
    assertThat(errorOf("  - agency: ru.skr", "  - agency: RU_SKR", "parties[1].agency"))
        .isEqualTo(
            "line 6, field parties[1].agency: 'RU_SKR' is not an agency id (lower-case dotted,"
                + " e.g. us.ice)");
    assertThat(
            errorOf(
                "      - category: CASE_SUMMARY",
                "      - category: PARKING",
                "directions[0].records[0].category"))
        .startsWith("line 17, field directions[0].records[0].category: 'PARKING' is not one of ")
        .contains("CASE_SUMMARY");
    assertThat(errorOf("start: 2020-01-01", "start: someday", "start"))
        .isEqualTo("line 8, field start: 'someday' is not a date (YYYY-MM-DD)");
  }

  @Test
  void parse_valuesOfTheWrongFormNameTheirLineFieldAndWhatIsExpected() {
    assertThat(errorOf("id: test-1", "id: Test_1", "id"))
        .isEqualTo("line 1, field id: 'Test_1' must be lower-case letters, digits and '-'");
    assertThat(
            errorOf(
                "    ca_sha256: " + FP.toUpperCase(),
                "    ca_sha256: 1234",
                "parties[1].ca_sha256"))
        .isEqualTo(
            "line 7, field parties[1].ca_sha256: '1234' is not a SHA-256 fingerprint (64 hex"
                + " digits of the CA certificate's DER)");
    assertThat(errorOf("    roles: ['*']", "    roles: [case_agent]", "directions[0].roles[0]"))
        .startsWith(
            "line 15, field directions[0].roles[0]: 'case_agent' is not an officer role; use * for"
                + " any role or one of ")
        .contains("CASE_AGENT");
    assertThat(errorOf("    to: ru.skr", "    to: us.dea", "directions[0].to"))
        .startsWith(
            "line 14, field directions[0].to: us.dea is not a party to this agreement (parties: ")
        .contains("us.ice", "ru.skr");
  }

  @Test
  void parse_aTermsSectionReportsEachOfItsWrongFields() {
    ParseResult r =
        AgreementParser.parse(
            VALID.replace(
                "rate_limits: {queries_per_day: 10, deconfliction_probes_per_day: 20}",
                "rate_limits: {queries_per_day: -1, deconfliction_probes_per_day: many}"));
    assertThat(r.errors())
        .extracting(ValidationError::field)
        .containsExactlyInAnyOrder(
            "rate_limits.queries_per_day", "rate_limits.deconfliction_probes_per_day");
  }

  @Test
  void parse_unknownTierNamesLineAndField() {
    ParseResult r = AgreementParser.parse(VALID.replace("tier: SUMMARY", "tier: EVERYTHING"));
    assertThat(r.errors())
        .extracting(ValidationError::field)
        .contains("directions[0].records[0].tier");
    assertThat(r.errors())
        .filteredOn(e -> e.field().endsWith(".tier"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(18);
              assertThat(e.message())
                  .contains("EVERYTHING")
                  .contains("HIT, POINTER, SUMMARY, FULL");
            });
  }

  @Test
  void parse_unknownPartyInDirectionNamesLineAndField() {
    ParseResult r = AgreementParser.parse(VALID.replace("    to: ru.skr", "    to: us.dea"));
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("directions[0].to");
              assertThat(e.line()).isEqualTo(14);
              assertThat(e.message()).contains("us.dea is not a party");
            });
  }

  @Test
  void parse_reportsEveryMistakeAtOnce() {
    String broken =
        VALID
            .replace("version: 1", "version: one")
            .replace("purposes: [HUMAN_SMUGGLING]", "purposes: [HUMAN_SMUGGLING, JAYWALKING]")
            .replace("category: CASE_SUMMARY", "category: GOSSIP")
            .replace("ca_sha256: " + FP + "\n", "ca_sha256: 1234\n");
    ParseResult r = AgreementParser.parse(broken);
    assertThat(r.errors())
        .extracting(ValidationError::field)
        .contains(
            "version", "purposes[1]", "directions[0].records[0].category", "parties[0].ca_sha256");
    assertThat(r.errors()).extracting(ValidationError::line).contains(2, 10, 17, 5);
  }

  @Test
  void parse_unknownAndDuplicateFields() {
    ParseResult r = AgreementParser.parse(VALID + "colour: blue\nid: test-2\n");
    assertThat(r.errors()).extracting(ValidationError::field).contains("colour", "id");
    assertThat(r.errors()).extracting(ValidationError::line).contains(24, 25);
  }

  @Test
  void parse_summaryTierNeedsFieldsAndEndNotBeforeStart() {
    ParseResult r =
        AgreementParser.parse(
            VALID
                .replace("        fields: [name, date_of_birth]\n", "")
                .replace("start: 2020-01-01", "start: 2031-01-01"));
    assertThat(r.errors())
        .extracting(ValidationError::field)
        .containsExactlyInAnyOrder("directions[0].records[0].fields", "end");
  }

  @Test
  void parse_directionPurposesMustBeAmongTheAgreementsAndNameTheirClause() {
    ParseResult bad =
        AgreementParser.parse(
            VALID.replace("    roles: ['*']", "    purposes: [CYBER_CRIME]\n    roles: ['*']"));
    assertThat(bad.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("directions[0].purposes"));
    ParseResult good =
        AgreementParser.parse(
            VALID.replace("    roles: ['*']", "    purposes: [HUMAN_SMUGGLING]\n    roles: ['*']"));
    assertThat(
            good.agreement()
                .orElseThrow()
                .direction("us.ice", "ru.skr")
                .orElseThrow()
                .purposesClause())
        .isEqualTo("directions[us.ice->ru.skr].purposes");
  }

  @Test
  void parse_syntaxErrorHasALine() {
    ParseResult r = AgreementParser.parse("id: x\nparties: [\n  - a\n");
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("(syntax)");
              assertThat(e.line()).isGreaterThan(1);
            });
  }

  @Test
  void parse_referenceTemplatesAreValidOnceFilled() throws Exception {
    for (String id : ReferenceAgreements.IDS) {
      String text =
          ReferenceAgreements.template(id)
              .replaceAll("\\$\\{ca:[a-z0-9.]+}", FP)
              .replace("${start}", "2020-01-01")
              .replace("${end}", "2030-01-01");
      assertThat(AgreementParser.parse(text).errors()).as(id).isEmpty();
    }
    String blank =
        Templates.blank().replace("${ca:${party_a}}", FP).replace("${ca:${party_b}}", FP);
    for (Map.Entry<String, String> e :
        Map.of(
                "${id}",
                "x-1",
                "${title}",
                "T",
                "${party_a}",
                "us.ice",
                "${party_b}",
                "us.dea",
                "${start}",
                "2020-01-01",
                "${end}",
                "2030-01-01")
            .entrySet()) {
      blank = blank.replace(e.getKey(), e.getValue());
    }
    assertThat(AgreementParser.parse(blank).errors()).isEmpty();
  }
}
