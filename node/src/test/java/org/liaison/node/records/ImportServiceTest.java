package org.liaison.node.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Reason;

@QuarkusTest
class ImportServiceTest {
  private static final Path REJECTS = Path.of("src/test/resources/records/rejects.jsonl");
  private static final Path SEARCH = Path.of("src/test/resources/records/search-test.jsonl");

  @Inject ImportService imports;
  @Inject EntityManager em;

  @Test
  void importFile_goodFileIsAcceptedWhole() throws Exception {
    ImportSummary summary = imports.importFile(SEARCH);

    assertThat(summary.rejected()).isEmpty();
    assertThat(summary.accepted()).isEqualTo(summary.lines()).isEqualTo(7);
    assertThat(count("select count(x) from CaseRecord x where x.externalId like 't-r-%'"))
        .isEqualTo(2);
    assertThat(count("select count(x) from Subject x where x.externalId like 't-s-%'"))
        .isEqualTo(3);
  }

  @Test
  void importFile_rejectedLinesReportedWithLineNumberAndReason() throws Exception {
    ImportSummary summary = imports.importFile(REJECTS);

    assertThat(summary.lines()).isEqualTo(7);
    assertThat(summary.accepted()).isEqualTo(2);
    List<ImportResult> rejected = summary.rejected();
    assertThat(rejected).extracting(ImportResult::line).containsExactly(2L, 3L, 4L, 5L, 7L);
    assertThat(rejected)
        .extracting(ImportResult::reason)
        .containsExactly(
            Reason.INVALID_ARGUMENT,
            Reason.INVALID_ARGUMENT,
            Reason.INVALID_ARGUMENT,
            Reason.NOT_FOUND,
            Reason.INVALID_ARGUMENT);
    assertThat(rejected.get(0).message()).startsWith("line 2: not valid JSON: ");
    assertThat(rejected.get(1).message())
        .isEqualTo("line 3: record t-rej-no-category: 'category' is missing");
    assertThat(rejected.get(2).message())
        .isEqualTo(
            "line 4: record t-rej-bad-iban subject t-rej-account identifier: IBAN GB82WEST12345698765433 fails its checksum");
    assertThat(rejected.get(2).id()).isEqualTo("t-rej-bad-iban");
    assertThat(rejected.get(3).message())
        .isEqualTo(
            "line 5: record t-rej-no-case: case T-REJ-404 is not known; import its case line first");
    assertThat(rejected.get(4).message())
        .isEqualTo("line 7: \"kind\" is suspect; use case, subject, record or operation");
  }

  @Test
  void importLine_rejectedRecordLeavesNothingBehind() throws Exception {
    imports.importFile(REJECTS);

    // Line 4's first subject was valid and stored before the IBAN failed: it must be rolled back.
    assertThat(count("select count(x) from Subject x where x.externalId = 't-rej-person'"))
        .isZero();
    assertThat(count("select count(x) from CaseRecord x where x.externalId = 't-rej-bad-iban'"))
        .isZero();
    assertThat(count("select count(x) from CaseRecord x where x.externalId = 't-rej-good'"))
        .isEqualTo(1);
  }

  @Test
  void importFile_reimportIsIdempotent() throws Exception {
    imports.importFile(SEARCH);
    long records = count("select count(x) from CaseRecord x");
    long subjects = count("select count(x) from Subject x");
    long identifiers = count("select count(x) from SubjectIdentifier x");

    ImportSummary again = imports.importFile(SEARCH);

    assertThat(again.rejected()).isEmpty();
    assertThat(count("select count(x) from CaseRecord x")).isEqualTo(records);
    assertThat(count("select count(x) from Subject x")).isEqualTo(subjects);
    assertThat(count("select count(x) from SubjectIdentifier x")).isEqualTo(identifiers);
    assertThat(imports.importLine(4, lineOf(SEARCH, 4)).message())
        .isEqualTo("record t-r-1 already imported; unchanged");
  }

  @Test
  void importLine_caseLineUpdatesStatus() {
    String open =
        "{\"kind\":\"case\",\"caseNumber\":\"T-UPD-1\",\"agency\":\"us.atf\",\"agent\":{\"name\":\"A\"},\"crimeCategories\":[\"FIREARMS_TRAFFICKING\"]}";
    assertThat(imports.importLine(1, open).message()).isEqualTo("case T-UPD-1 created");

    ImportResult closed =
        imports.importLine(
            2,
            open.replace("}]", "}]")
                .replace("\"]}", "\"],\"status\":\"CLOSED\",\"closed\":\"2026-03-01\"}"));

    assertThat(closed.accepted()).isTrue();
    assertThat(closed.message()).isEqualTo("case T-UPD-1 updated");
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(
                    () ->
                        em.createQuery(
                                "select c.status from CaseFile c where c.caseNumber = 'T-UPD-1'",
                                CaseStatus.class)
                            .getSingleResult()))
        .isEqualTo(CaseStatus.CLOSED);
  }

  @Test
  void importLine_unknownFieldAndH3WithoutConditionsAreRefused() {
    imports.importLine(
        1,
        "{\"kind\":\"case\",\"caseNumber\":\"T-UPD-2\",\"agency\":\"us.atf\",\"agent\":{\"name\":\"A\"},\"crimeCategories\":[\"FIREARMS_TRAFFICKING\"]}");
    ImportResult typo =
        imports.importLine(
            2, "{\"kind\":\"record\",\"id\":\"t-typo\",\"case\":\"T-UPD-2\",\"categroy\":\"ROI\"}");
    ImportResult h3 =
        imports.importLine(
            3,
            "{\"kind\":\"record\",\"id\":\"t-h3\",\"case\":\"T-UPD-2\",\"category\":\"ROI\",\"handling\":\"H3\",\"subjects\":[{\"type\":\"ORGANISATION\",\"name\":\"Acme\"}]}");

    assertThat(typo.message())
        .startsWith("line 2: record t-typo: unknown field 'categroy' (known fields: ");
    assertThat(h3.message())
        .isEqualTo(
            "line 3: record t-h3: handling code H3 needs 'handlingConditions' stating the conditions");
  }

  @Test
  void importLine_crimeCategoriesAndRecordCategoriesComeFromTheVocabulary() {
    ImportResult crime =
        imports.importLine(
            1,
            "{\"kind\":\"case\",\"caseNumber\":\"T-VOC-1\",\"agency\":\"us.atf\",\"agent\":{\"name\":\"A\"},\"crimeCategories\":[\"SMUGGLING\"]}");
    assertThat(crime.reason()).isEqualTo(Reason.INVALID_ARGUMENT);
    assertThat(crime.message())
        .contains("crime category 'SMUGGLING' is not one of DRUG_TRAFFICKING, NARCOTICS");
    ImportResult lenient =
        imports.importLine(
            2,
            "{\"kind\":\"case\",\"caseNumber\":\"T-VOC-1\",\"agency\":\"us.atf\",\"agent\":{\"name\":\"A\"},\"crimeCategories\":[\"firearms-trafficking\"]}");
    assertThat(lenient.accepted()).as(lenient.message()).isTrue();
    ImportResult record =
        imports.importLine(
            3,
            "{\"kind\":\"record\",\"id\":\"t-voc\",\"case\":\"T-VOC-1\",\"category\":\"REPORT\",\"subjects\":[{\"type\":\"ORGANISATION\",\"name\":\"Acme\"}]}");
    assertThat(record.message())
        .contains("'category' is REPORT; use one of ROI, INTERCEPT, FINANCIAL, PNR");
  }

  @Test
  void importLine_aForeignRecordWithoutItsOriginatorIsRejected_withItKeepsIt() {
    imports.importLine(
        1,
        "{\"kind\":\"case\",\"caseNumber\":\"T-HOP-1\",\"agency\":\"us.ioc2\",\"agent\":{\"name\":\"A\"},\"crimeCategories\":[\"FIREARMS_TRAFFICKING\"]}");
    String record =
        "{\"kind\":\"record\",\"id\":\"t-hop\",\"case\":\"T-HOP-1\",\"category\":\"PNR\",\"receivedFrom\":\"us.ice\",\"subjects\":[{\"type\":\"ORGANISATION\",\"name\":\"Acme\"}]";

    ImportResult without = imports.importLine(2, record + "}");
    ImportResult with = imports.importLine(3, record + ",\"originator\":\"us.cbp\"}");

    assertThat(without.accepted()).isFalse();
    assertThat(without.reason()).isEqualTo(Reason.ORIGINATOR_MISSING);
    assertThat(with.accepted()).as(with.message()).isTrue();
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(
                    () ->
                        em.createQuery(
                                "select r.originatorAgency from CaseRecord r where r.externalId = 't-hop'",
                                String.class)
                            .getSingleResult()))
        .isEqualTo("us.cbp");
  }

  private long count(String jpql) {
    return QuarkusTransaction.requiringNew()
        .call(() -> em.createQuery(jpql, Long.class).getSingleResult());
  }

  private static String lineOf(Path file, int number) throws Exception {
    return java.nio.file.Files.readAllLines(file).get(number - 1);
  }
}
