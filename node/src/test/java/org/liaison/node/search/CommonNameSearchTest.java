package org.liaison.node.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liaison.node.identifiers.NameMatch.Confidence;
import org.liaison.node.records.ImportService;

/**
 * A name shared by more persons than the lookup reads (as "Ivan Ivanov" is at a national agency):
 * the person born on the asked date is still found, because the date is looked up in the index
 * rather than among the namesakes; and every person of the asked name born on the asked date is a
 * HIGH match that no bound on a lookup's work leaves out.
 */
@QuarkusTest
class CommonNameSearchTest {
  private static final int NAMESAKES = PersonCandidates.MAX_CANDIDATES + 100;
  private static final LocalDate BORN = LocalDate.of(1985, 6, 15);

  @Inject ImportService imports;
  @Inject RecordSearch search;
  @Inject AgroalDataSource db;

  @BeforeEach
  void load() {
    line(
        "{\"kind\":\"case\",\"caseNumber\":\"T-COMMON-1\",\"agency\":\"us.ice\",\"agent\":{\"name\":"
            + "\"Agent Common\"},\"crimeCategories\":[\"NARCOTICS\"],\"status\":\"ACTIVE\"}");
    LocalDate other = LocalDate.of(1950, 1, 1);
    for (int i = 0; i < NAMESAKES; i++, other = other.plusDays(11)) {
      // none on a near date: other years, never 15 June
      if (other.getMonthValue() == 6 && other.getDayOfMonth() == 15) {
        other = other.plusDays(1);
      }
      person("t-common-" + i, "Ivan Ivanov", other);
    }
    person("t-common-target", "Иван Иванов", BORN);
    person("t-common-near", "Ivan Ivanov", BORN.withYear(1991));
    for (String s : new String[] {"t-common-target", "t-common-near", "t-common-7"}) {
      line(
          "{\"kind\":\"record\",\"id\":\"r-"
              + s
              + "\",\"case\":\"T-COMMON-1\",\"category\":\"ROI\",\"subjects\":[\""
              + s
              + "\"],\"fields\":{\"summary\":\"x\"}}");
    }
  }

  private void person(String id, String name, LocalDate dob) {
    line(
        "{\"kind\":\"subject\",\"id\":\""
            + id
            + "\",\"case\":\"T-COMMON-1\",\"type\":\"PERSON\",\"name\":\""
            + name
            + "\",\"dateOfBirth\":\""
            + dob
            + "\"}");
  }

  private void line(String json) {
    assertThat(imports.importLine(1, json).accepted()).as(json).isTrue();
  }

  @Test
  void thePersonBornThatDayIsFoundAmongMoreNamesakesThanALookupReads() {
    assertThat(search.byPerson("Ivan Ivanov", BORN))
        .extracting(RecordMatch::recordId, RecordMatch::confidence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("r-t-common-target", Confidence.HIGH),
            org.assertj.core.groups.Tuple.tuple("r-t-common-near", Confidence.LOW));
  }

  @Test
  void everyNamesakeBornOnTheAskedDateIsFoundBeyondTheBoundOnWiderReads() throws SQLException {
    LocalDate born = LocalDate.of(1970, 1, 2);
    int twins = PersonCandidates.MAX_CANDIDATES + 20;
    for (int i = 0; i < twins; i++) {
      person("t-same-day-" + i, "Petr Sidorov", born);
    }
    line(
        "{\"kind\":\"record\",\"id\":\"r-t-same-day\",\"case\":\"T-COMMON-1\","
            + "\"category\":\"ROI\",\"subjects\":[\"t-same-day-"
            + (twins - 1)
            + "\"],\"fields\":{\"summary\":\"x\"}}");

    try (Connection c = db.getConnection()) {
      assertThat(PersonCandidates.find(c, "Петр Сидоров", born, Confidence.LOW))
          .filteredOn(candidate -> candidate.match().confidence() == Confidence.HIGH)
          .hasSize(twins);
    }
    assertThat(search.byPerson("Petr Sidorov", born))
        .extracting(RecordMatch::recordId, RecordMatch::confidence)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("r-t-same-day", Confidence.HIGH));
  }
}
