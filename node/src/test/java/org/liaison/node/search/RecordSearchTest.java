package org.liaison.node.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liaison.node.identifiers.InvalidIdentifierException;
import org.liaison.node.identifiers.NameMatch.Confidence;
import org.liaison.node.records.ImportService;
import org.liaison.wire.v1.IdentifierType;

@QuarkusTest
class RecordSearchTest {
  @Inject ImportService imports;
  @Inject RecordSearch search;

  @BeforeEach
  void load() throws Exception {
    assertThat(
            imports.importFile(Path.of("src/test/resources/records/search-test.jsonl")).rejected())
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "+1 786 555 0177  | -",
        "(786) 555-0177   | US",
        "786.555.0177     | us.dea",
        "+17865550177     | ru.skr",
      })
  void byIdentifier_phoneInAnyFormatFindsTheRecord(String phone, String region) {
    List<RecordMatch> matches = search.byIdentifier(IdentifierType.PHONE, phone, region);

    assertThat(matches).extracting(RecordMatch::recordId).containsExactly("t-r-1", "t-r-2");
    RecordMatch first = matches.get(0);
    assertThat(first.caseNumber()).isEqualTo("T-SEARCH-1");
    assertThat(first.contact())
        .isEqualTo(new Contact("us.ice", "Agent Test One", "+1 202 555 0101", "one@ice.example"));
    assertThat(first.category()).isEqualTo("ROI");
    assertThat(first.crimeCategories()).containsExactly("HUMAN_SMUGGLING");
    assertThat(first.originatorAgency()).isEqualTo("us.ice");
    assertThat(first.fields()).containsEntry("summary", "Arranged crossings near Laredo");
    assertThat(first.body()).isEqualTo("Subject coordinated three crossings.");
    assertThat(first.caveats())
        .containsExactly("TLP:AMBER", "H3", "H3 conditions: Do not contact the subject");
    assertThat(first.evaluation()).isEqualTo("B2");
    assertThat(first.rule()).isEqualTo("EXACT");
    assertThat(first.confidence()).isEqualTo(Confidence.HIGH);
    assertThat(matches.get(1).originatorAgency()).isEqualTo("us.cbp");
    assertThat(matches.get(1).fields()).containsEntry("kg", "12");
  }

  @Test
  void byIdentifier_ibanDocumentAndPlateInOtherFormats() {
    assertThat(search.byIdentifier(IdentifierType.ACCOUNT, "de89370400440532013000", null))
        .extracting(RecordMatch::recordId)
        .containsExactly("t-r-1");
    assertThat(search.byIdentifier(IdentifierType.DOCUMENT, "724455667", "RUS"))
        .extracting(RecordMatch::recordId)
        .containsExactly("t-r-1");
    assertThat(search.byIdentifier(IdentifierType.DOCUMENT, "724455667", "UA")).isEmpty();
    assertThat(search.byIdentifier(IdentifierType.PLATE, "fla 8xk2", "US"))
        .extracting(RecordMatch::recordId)
        .containsExactly("t-r-2");
  }

  @Test
  void byIdentifier_invalidIdentifierIsRefused() {
    assertThatThrownBy(
            () -> search.byIdentifier(IdentifierType.ACCOUNT, "DE89370400440532013001", null))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessage("IBAN DE89370400440532013001 fails its checksum");
  }

  @Test
  void byPerson_cyrillicNameFindsLatinRecordWithConfidence() {
    List<RecordMatch> matches = search.byPerson("Сергей Кузнецов", LocalDate.of(1982, 11, 2));

    assertThat(matches).extracting(RecordMatch::recordId).containsExactly("t-r-1");
    assertThat(matches.get(0).subject()).isEqualTo("Sergey Kuznetsov");
    assertThat(matches.get(0).confidence()).isEqualTo(Confidence.HIGH);
    assertThat(matches.get(0).rule()).isEqualTo("NAME_EXACT+DOB");
  }

  @Test
  void byPerson_withoutDateOfBirthIsMediumAndWrongDateIsNoMatch() {
    assertThat(search.byPerson("Sergei Kuznetsov", null))
        .extracting(RecordMatch::confidence)
        .containsExactly(Confidence.MEDIUM);
    assertThat(search.byPerson("Sergey Kuznetsov", LocalDate.of(1990, 1, 1))).isEmpty();
    assertThat(search.byPerson("Sergey Kuznetsova", LocalDate.of(1982, 11, 2)))
        .extracting(RecordMatch::confidence)
        .containsExactly(Confidence.LOW);
  }

  @Test
  void counts_countWhatIsStored() {
    NodeCounts counts = search.counts();

    assertThat(counts.cases()).isGreaterThanOrEqualTo(2);
    assertThat(counts.records()).isGreaterThanOrEqualTo(2);
    assertThat(counts.identifiers()).isGreaterThanOrEqualTo(5);
  }
}
