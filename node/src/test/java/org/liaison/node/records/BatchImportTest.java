package org.liaison.node.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Reason;

@QuarkusTest
class BatchImportTest {
  @Inject BatchImport batches;
  @Inject EntityManager em;
  @Inject RecordsChangedLog changesLog;

  private static String caseLine(String number) {
    return "{\"kind\":\"case\",\"caseNumber\":\""
        + number
        + "\",\"agency\":\"us.test\",\"agent\":{\"name\":\"SA Test\"},"
        + "\"crimeCategories\":[\"DRUG_TRAFFICKING\"]}";
  }

  private static String phoneSubject(String id, String caseNumber, int n) {
    return "{\"kind\":\"subject\",\"id\":\""
        + id
        + "\",\"case\":\""
        + caseNumber
        + "\",\"type\":\"PHONE\",\"identifiers\":[{\"type\":\"PHONE\",\"value\":\"+1 202 555 "
        + String.format("%04d", n)
        + "\"}]}";
  }

  private static List<BatchImport.Item> items(String... lines) {
    List<BatchImport.Item> out = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      out.add(new BatchImport.Item(i + 1, lines[i]));
    }
    return out;
  }

  @Test
  void batch_storesCaseSubjectsIdentifiersAndNameKeysInOneTransaction() {
    List<String> lines = new ArrayList<>(List.of(caseLine("T-BATCH-1")));
    for (int i = 0; i < 500; i++) {
      lines.add(phoneSubject("t-batch-1-" + i, "T-BATCH-1", i));
    }
    lines.add(
        "{\"kind\":\"subject\",\"id\":\"t-batch-1-person\",\"case\":\"T-BATCH-1\","
            + "\"type\":\"PERSON\",\"name\":\"Dmitriy Volkov\",\"dateOfBirth\":\"1979-03-14\"}");

    BatchImport.Outcome o = batches.importBatch(items(lines.toArray(String[]::new)));

    assertThat(o.rejected()).isEmpty();
    assertThat(o.lineByLine()).isFalse();
    assertThat(o.accepted()).isEqualTo(502);
    assertThat(count("select count(*) from subjects where external_id like 't-batch-1-%'"))
        .isEqualTo(501);
    assertThat(
            count(
                "select count(*) from identifiers i join subjects s on s.id = i.subject_id"
                    + " where s.external_id like 't-batch-1-%' and i.normalised_value like"
                    + " '+1202555%'"))
        .isEqualTo(500);
    assertThat(
            count(
                "select count(*) from subject_name_keys k join subjects s on s.id = k.subject_id"
                    + " where s.external_id = 't-batch-1-person'"))
        .isPositive();
    // the entity view reads what the JDBC batch wrote
    List<String> keys =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    List.copyOf(
                        em.createQuery(
                                "select s from Subject s where s.externalId = 't-batch-1-person'",
                                Subject.class)
                            .getSingleResult()
                            .getNameKeys()));
    assertThat(keys).isNotEmpty();
  }

  @Test
  void batch_sameLinesAgain_storeNothingTwice() {
    String[] lines = {
      caseLine("T-BATCH-2"),
      phoneSubject("t-batch-2-a", "T-BATCH-2", 1),
      phoneSubject("t-batch-2-a", "T-BATCH-2", 1),
      phoneSubject("t-batch-2-b", "T-BATCH-2", 2)
    };
    assertThat(batches.importBatch(items(lines)).accepted()).isEqualTo(4);
    BatchImport.Outcome again = batches.importBatch(items(lines));

    assertThat(again.accepted()).isEqualTo(4);
    assertThat(again.rejected()).isEmpty();
    assertThat(count("select count(*) from subjects where external_id like 't-batch-2-%'"))
        .isEqualTo(2);
    assertThat(
            count(
                "select count(*) from identifiers i join subjects s on s.id = i.subject_id"
                    + " where s.external_id like 't-batch-2-%'"))
        .isEqualTo(2);
  }

  @Test
  void batch_rejectedSubjectLines_reportedByNumberAndReason_theRestStored() {
    BatchImport.Outcome o =
        batches.importBatch(
            items(
                caseLine("T-BATCH-3"),
                phoneSubject("t-batch-3-a", "T-BATCH-3", 1),
                "not json",
                phoneSubject("t-batch-3-b", "T-BATCH-404", 2),
                "{\"kind\":\"subject\",\"id\":\"t-batch-3-c\",\"case\":\"T-BATCH-3\","
                    + "\"type\":\"PHONE\",\"identifiers\":[{\"type\":\"PHONE\",\"value\":\"12\"}]}",
                "{\"kind\":\"subject\",\"id\":\"t-batch-3-d\",\"case\":\"T-BATCH-3\","
                    + "\"type\":\"PHONE\",\"colour\":\"red\"}",
                phoneSubject("t-batch-3-e", "T-BATCH-3", 5)));

    assertThat(o.lineByLine()).isFalse();
    assertThat(o.accepted()).isEqualTo(3);
    assertThat(o.rejected()).extracting(ImportResult::line).containsExactly(3L, 4L, 5L, 6L);
    assertThat(o.rejected())
        .extracting(ImportResult::reason)
        .containsExactly(
            Reason.INVALID_ARGUMENT,
            Reason.NOT_FOUND,
            Reason.INVALID_ARGUMENT,
            Reason.INVALID_ARGUMENT);
    assertThat(o.rejected().get(1).message())
        .isEqualTo(
            "line 4: subject t-batch-3-b: case T-BATCH-404 is not known; import its case line"
                + " first");
    assertThat(o.rejected().get(3).message()).contains("unknown field 'colour'");
    assertThat(count("select count(*) from subjects where external_id like 't-batch-3-%'"))
        .isEqualTo(2);
  }

  @Test
  void batch_aLineTheDatabaseRefuses_isPinpointedLineByLine_theOthersStored() {
    String tooLong = "x".repeat(400);
    BatchImport.Outcome o =
        batches.importBatch(
            items(
                caseLine("T-BATCH-4"),
                phoneSubject("t-batch-4-a", "T-BATCH-4", 1),
                "{\"kind\":\"subject\",\"id\":\"t-batch-4-long\",\"case\":\"T-BATCH-4\","
                    + "\"type\":\"PERSON\",\"name\":\""
                    + tooLong
                    + "\"}",
                phoneSubject("t-batch-4-b", "T-BATCH-4", 2)));

    assertThat(o.lineByLine()).isTrue();
    assertThat(o.accepted()).isEqualTo(3);
    assertThat(o.rejected()).extracting(ImportResult::line).containsExactly(3L);
    assertThat(o.rejected().get(0).reason()).isEqualTo(Reason.INTERNAL);
    assertThat(count("select count(*) from subjects where external_id like 't-batch-4-%'"))
        .isEqualTo(2);
  }

  @Test
  void batch_recordLinesAfterSubjects_seeTheSubjectsOfTheSameBatch() {
    BatchImport.Outcome o =
        batches.importBatch(
            items(
                caseLine("T-BATCH-5"),
                phoneSubject("t-batch-5-a", "T-BATCH-5", 1),
                "{\"kind\":\"record\",\"id\":\"t-batch-5-r\",\"case\":\"T-BATCH-5\","
                    + "\"category\":\"ROI\",\"subjects\":[\"t-batch-5-a\"],"
                    + "\"fields\":{\"summary\":\"s\"},\"evaluation\":\"B2\"}"));

    assertThat(o.rejected()).isEmpty();
    assertThat(o.lineByLine()).isFalse();
    assertThat(count("select count(*) from records where external_id = 't-batch-5-r'"))
        .isEqualTo(1);
  }

  @Test
  void batch_aLaterLineSeesWhatEarlierRecordAndCaseLinesStored() {
    String record2 =
        "{\"kind\":\"record\",\"id\":\"t-batch-6-r2\",\"case\":\"T-BATCH-6\",\"category\":\"ROI\","
            + "\"subjects\":[\"t-batch-6-p\",\"t-batch-6-a\"],\"evaluation\":\"B2\"}";
    BatchImport.Outcome o =
        batches.importBatch(
            items(
                caseLine("T-BATCH-6"),
                phoneSubject("t-batch-6-a", "T-BATCH-6", 6),
                // an inline subject created by one record line, named by the next one
                "{\"kind\":\"record\",\"id\":\"t-batch-6-r1\",\"case\":\"T-BATCH-6\","
                    + "\"category\":\"ROI\",\"subjects\":[{\"id\":\"t-batch-6-p\","
                    + "\"type\":\"PERSON\",\"name\":\"Ana Lima\",\"dateOfBirth\":\"1980-02-03\"}]}",
                record2,
                caseLine("T-BATCH-6").replace("]}", "],\"status\":\"CLOSED\"}"),
                record2));

    assertThat(o.rejected()).isEmpty();
    assertThat(o.lineByLine()).isFalse();
    assertThat(o.accepted()).isEqualTo(6);
    assertThat(count("select count(*) from subjects where external_id like 't-batch-6-%'"))
        .isEqualTo(2);
    assertThat(
            count(
                "select count(*) from record_subjects rs join records r on r.id = rs.record_id"
                    + " where r.external_id = 't-batch-6-r2'"))
        .isEqualTo(2);
    assertThat(
            count(
                "select count(*) from cases where case_number = 'T-BATCH-6' and status ="
                    + " 'CLOSED'"))
        .isEqualTo(1);
  }

  private static String record(String id, String caseNumber, String subjects) {
    return "{\"kind\":\"record\",\"id\":\""
        + id
        + "\",\"case\":\""
        + caseNumber
        + "\",\"category\":\"ROI\",\"subjects\":["
        + subjects
        + "],\"fields\":{\"summary\":\"first\"},\"evaluation\":\"B2\"}";
  }

  @Test
  void batch_recordsNameSubjectsEarlierLinesOfTheSameBatchCreated_linkedByJdbcRows() {
    BatchImport.Outcome o =
        batches.importBatch(
            items(
                caseLine("T-BATCH-7"),
                phoneSubject("t-batch-7-a", "T-BATCH-7", 71),
                record(
                    "t-batch-7-r1",
                    "T-BATCH-7",
                    "\"t-batch-7-a\",{\"id\":\"t-batch-7-p\",\"type\":\"PERSON\","
                        + "\"name\":\"Ana Lima\"},{\"type\":\"PERSON\",\"name\":\"Rui Costa\"}"),
                // the same subject twice, and the inline one of the line before by its id
                record(
                    "t-batch-7-r2", "T-BATCH-7", "\"t-batch-7-p\",\"t-batch-7-a\",\"t-batch-7-a\""),
                phoneSubject("t-batch-7-b", "T-BATCH-7", 72),
                record("t-batch-7-r3", "T-BATCH-7", "\"t-batch-7-b\"")));

    assertThat(o.rejected()).isEmpty();
    assertThat(o.lineByLine()).isFalse();
    assertThat(o.accepted()).isEqualTo(6);
    assertThat(links("t-batch-7-r1"))
        .containsExactly("t-batch-7-a", "t-batch-7-p", "t-batch-7-r1/s3");
    assertThat(links("t-batch-7-r2")).containsExactly("t-batch-7-a", "t-batch-7-p");
    assertThat(links("t-batch-7-r3")).containsExactly("t-batch-7-b");
    // the entity view reads what the JDBC rows wrote: caveats defaulted, evaluation, originator
    CaseRecord r =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createQuery(
                            "select r from CaseRecord r where r.externalId = 't-batch-7-r1'",
                            CaseRecord.class)
                        .getSingleResult());
    assertThat(r.caveats()).containsExactly("TLP:AMBER", "H2");
    assertThat(r.getEvaluation()).isEqualTo("B2");
    assertThat(r.getOriginatorAgency()).isEqualTo("us.test");
    assertThat(r.getFieldsJson()).isEqualTo("{\"summary\":\"first\"}");
    assertThat(r.getImportedAt()).isNotNull();
    assertThat(
            count(
                "select count(*) from subject_name_keys k join subjects s on s.id = k.subject_id"
                    + " where s.external_id = 't-batch-7-p'"))
        .isPositive();
  }

  @Test
  void batch_recordNamingAnUnknownSubject_rejectedWithItsLineNumber_nothingOfItLeft() {
    BatchImport.Outcome o =
        batches.importBatch(
            items(
                caseLine("T-BATCH-8"),
                phoneSubject("t-batch-8-a", "T-BATCH-8", 81),
                // valid inline subject first, then an unknown one: the line leaves nothing
                record(
                    "t-batch-8-r1",
                    "T-BATCH-8",
                    "{\"id\":\"t-batch-8-p\",\"type\":\"PERSON\",\"name\":\"Ana Lima\"},"
                        + "\"t-batch-8-nobody\""),
                record("t-batch-8-r2", "T-BATCH-8", "\"t-batch-8-a\""),
                record("t-batch-8-r3", "T-BATCH-404", "\"t-batch-8-a\""),
                // the inline subject of the rejected line is not known to later lines either
                record("t-batch-8-r4", "T-BATCH-8", "\"t-batch-8-p\"")));

    assertThat(o.lineByLine()).isFalse();
    assertThat(o.accepted()).isEqualTo(3);
    assertThat(o.rejected()).extracting(ImportResult::line).containsExactly(3L, 5L, 6L);
    assertThat(o.rejected()).extracting(ImportResult::reason).containsOnly(Reason.NOT_FOUND);
    assertThat(o.rejected().get(0).message())
        .isEqualTo(
            "line 3: record t-batch-8-r1: subject t-batch-8-nobody is not known; import it first"
                + " or give it inline");
    assertThat(o.rejected().get(1).message())
        .isEqualTo(
            "line 5: record t-batch-8-r3: case T-BATCH-404 is not known; import its case line"
                + " first");
    assertThat(count("select count(*) from records where external_id like 't-batch-8-%'"))
        .isEqualTo(1);
    assertThat(count("select count(*) from subjects where external_id = 't-batch-8-p'")).isZero();
  }

  @Test
  void batch_repeatedRecord_acceptedUnchanged() {
    String first = record("t-batch-9-r", "T-BATCH-9", "\"t-batch-9-a\"");
    String changed = first.replace("first", "second").replace("B2", "A1");
    BatchImport.Outcome o =
        batches.importBatch(
            items(
                caseLine("T-BATCH-9"),
                phoneSubject("t-batch-9-a", "T-BATCH-9", 91),
                first,
                changed));
    BatchImport.Outcome again = batches.importBatch(items(changed));

    assertThat(o.accepted()).isEqualTo(4);
    assertThat(again.accepted()).isEqualTo(1);
    assertThat(again.rejected()).isEmpty();
    assertThat(count("select count(*) from records where external_id = 't-batch-9-r'"))
        .isEqualTo(1);
    assertThat(
            count(
                "select count(*) from records where external_id = 't-batch-9-r'"
                    + " and fields_json like '%first%' and source_evaluation = 'B'"))
        .isEqualTo(1);
    assertThat(links("t-batch-9-r")).containsExactly("t-batch-9-a");
  }

  @Test
  void batch_caseNumberWithSpaces_readAsTheLineByLineImportReadsIt() {
    BatchImport.Outcome o =
        batches.importBatch(
            items(
                caseLine("T-BATCH-10"),
                phoneSubject("t-batch-10-a", " T-BATCH-10 ", 101),
                record("t-batch-10-r", " T-BATCH-10 ", "\" t-batch-10-a \"")));

    assertThat(o.rejected()).isEmpty();
    assertThat(o.lineByLine()).isFalse();
    assertThat(links("t-batch-10-r")).containsExactly("t-batch-10-a");
  }

  private static String operation(String id, String caseNumber, String status) {
    return "{\"kind\":\"operation\",\"id\":\""
        + id
        + "\",\"case\":\""
        + caseNumber
        + "\",\"type\":\"search_warrant\",\"latitude\":25.76,\"longitude\":-80.19,"
        + "\"radiusMetres\":50,\"address\":\"1 Main St\",\"start\":\"2026-03-01T06:00:00Z\","
        + "\"end\":\"2026-03-01T09:00:00Z\",\"status\":\""
        + status
        + "\"}";
  }

  @Test
  void batch_caseLineRepeatedUnchanged_storedOnce_thenAChangedLineUpdatesItInPlace() {
    String line = caseLine("T-BATCH-11");
    BatchImport.Outcome first = batches.importBatch(items(line, line));
    BatchImport.Outcome again = batches.importBatch(items(line));

    assertThat(first.accepted()).isEqualTo(2);
    assertThat(again.accepted()).isEqualTo(1);
    assertThat(again.rejected()).isEmpty();
    assertThat(again.lineByLine()).isFalse();
    assertThat(count("select count(*) from cases where case_number = 'T-BATCH-11'")).isEqualTo(1);
    assertThat(categories("T-BATCH-11")).containsExactly("DRUG_TRAFFICKING");

    String changed =
        line.replace("SA Test", "SA Other")
            .replace("[\"DRUG_TRAFFICKING\"]", "[\"MONEY_LAUNDERING\",\"FINANCIAL_CRIME\"]")
            .replace("]}", "],\"status\":\"CLOSED\",\"opened\":\"2025-01-02\"}");
    BatchImport.Outcome updated = batches.importBatch(items(changed));

    assertThat(updated.rejected()).isEmpty();
    assertThat(count("select count(*) from cases where case_number = 'T-BATCH-11'")).isEqualTo(1);
    assertThat(categories("T-BATCH-11")).containsExactly("FINANCIAL_CRIME", "MONEY_LAUNDERING");
    CaseFile stored =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createQuery(
                            "select c from CaseFile c where c.caseNumber = 'T-BATCH-11'",
                            CaseFile.class)
                        .getSingleResult());
    assertThat(stored.getAgentName()).isEqualTo("SA Other");
    assertThat(stored.getStatus()).isEqualTo(CaseStatus.CLOSED);
    assertThat(stored.getOpened()).hasToString("2025-01-02");
  }

  @Test
  void batch_caseLineOfAnotherAgency_rejectedWithItsLineNumber_theCaseUnchanged() {
    BatchImport.Outcome o =
        batches.importBatch(
            items(
                caseLine("T-BATCH-12"),
                caseLine("T-BATCH-12").replace("us.test", "us.other"),
                phoneSubject("t-batch-12-a", "T-BATCH-12", 121)));

    assertThat(o.lineByLine()).isFalse();
    assertThat(o.accepted()).isEqualTo(2);
    assertThat(o.rejected()).extracting(ImportResult::line).containsExactly(2L);
    assertThat(o.rejected().get(0).reason()).isEqualTo(Reason.INVALID_ARGUMENT);
    assertThat(o.rejected().get(0).message()).contains("already belongs to us.test");
    assertThat(count("select count(*) from cases where case_number = 'T-BATCH-12'")).isEqualTo(1);
  }

  @Test
  void batch_operationNamingAnUnknownCase_rejectedWithItsLineNumber_theRestStored() {
    BatchImport.Outcome o =
        batches.importBatch(
            items(
                // named before its case line: unknown at that point, as line by line
                operation("t-batch-13-early", "T-BATCH-13", "PLANNED"),
                caseLine("T-BATCH-13"),
                operation("t-batch-13-a", "T-BATCH-13", "PLANNED"),
                operation("t-batch-13-lost", "T-BATCH-13-NONE", "PLANNED"),
                operation("t-batch-13-bad", "T-BATCH-13", "PLANNED")
                    .replace("\"radiusMetres\":50", "\"radiusMetres\":-1"),
                operation("t-batch-13-b", "T-BATCH-13", "PLANNED")));

    assertThat(o.lineByLine()).isFalse();
    assertThat(o.accepted()).isEqualTo(3);
    assertThat(o.rejected()).extracting(ImportResult::line).containsExactly(1L, 4L, 5L);
    assertThat(o.rejected())
        .extracting(ImportResult::reason)
        .containsExactly(Reason.NOT_FOUND, Reason.NOT_FOUND, Reason.INVALID_ARGUMENT);
    assertThat(o.rejected().get(1).message())
        .contains("case T-BATCH-13-NONE is not known; import its case line first");
    assertThat(count("select count(*) from operations where external_id like 't-batch-13-%'"))
        .isEqualTo(2);
  }

  @Test
  void batch_operationLineAgain_updatesItInPlace_asItsLastLineSays() {
    batches.importBatch(
        items(
            caseLine("T-BATCH-14"),
            caseLine("T-BATCH-14B"),
            operation("t-batch-14-op", "T-BATCH-14", "PLANNED")));
    BatchImport.Outcome o =
        batches.importBatch(
            items(
                operation("t-batch-14-op", "T-BATCH-14", "ACTIVE"),
                operation("t-batch-14-op", "T-BATCH-14B", "COMPLETED")));

    assertThat(o.rejected()).isEmpty();
    assertThat(o.accepted()).isEqualTo(2);
    Operation stored =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Operation op = LineImporter.byExternalId(em, Operation.class, "t-batch-14-op");
                  op.getCaseFile().getCaseNumber(); // read inside the transaction
                  return op;
                });
    assertThat(count("select count(*) from operations where external_id = 't-batch-14-op'"))
        .isEqualTo(1);
    assertThat(stored.getStatus()).isEqualTo(OperationStatus.COMPLETED);
    assertThat(stored.getCaseFile().getCaseNumber()).isEqualTo("T-BATCH-14B");
    assertThat(stored.getKind()).isEqualTo("SEARCH_WARRANT");
    assertThat(stored.getWindowStart()).hasToString("2026-03-01T06:00:00Z");
    assertThat(stored.getAddress()).isEqualTo("1 Main St");
  }

  @Test
  void batch_firesAChangeForEveryCaseLineCase_andEveryOperation() {
    BatchImport.Outcome o =
        batches.importBatch(
            items(
                caseLine("T-EV-BATCH-1"),
                caseLine("T-EV-BATCH-2"),
                phoneSubject("t-ev-batch-a", "T-EV-BATCH-1", 151),
                operation("t-ev-batch-op1", "T-EV-BATCH-1", "PLANNED"),
                operation("t-ev-batch-op2", "T-EV-BATCH-2", "PLANNED"),
                caseLine("T-EV-BATCH-1")));

    assertThat(o.rejected()).isEmpty();
    assertThat(changesLog.of("T-EV-BATCH-"))
        .containsExactlyInAnyOrder(
            new RecordsChanged("case", "T-EV-BATCH-1", "T-EV-BATCH-1"),
            new RecordsChanged("case", "T-EV-BATCH-2", "T-EV-BATCH-2"),
            new RecordsChanged("subject", "t-ev-batch-a", "T-EV-BATCH-1"),
            new RecordsChanged("operation", "t-ev-batch-op1", "T-EV-BATCH-1"),
            new RecordsChanged("operation", "t-ev-batch-op2", "T-EV-BATCH-2"));
  }

  private List<String> categories(String caseNumber) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              @SuppressWarnings("unchecked")
              List<String> found =
                  em.createNativeQuery(
                          "select k.category from case_crime_categories k"
                              + " join cases c on c.id = k.case_id"
                              + " where c.case_number = :n order by k.category")
                      .setParameter("n", caseNumber)
                      .getResultList();
              return found;
            });
  }

  private List<String> links(String recordId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              @SuppressWarnings("unchecked")
              List<String> ids =
                  em.createNativeQuery(
                          "select s.external_id from record_subjects rs"
                              + " join records r on r.id = rs.record_id"
                              + " join subjects s on s.id = rs.subject_id"
                              + " where r.external_id = :id order by s.external_id")
                      .setParameter("id", recordId)
                      .getResultList();
              return ids;
            });
  }

  private long count(String sql) {
    return QuarkusTransaction.requiringNew()
        .call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
  }
}
