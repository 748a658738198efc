package org.liaison.node.deconfliction.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.liaison.node.deconfliction.matching.MatchInputs;
import org.liaison.node.records.ImportResult;
import org.liaison.node.records.ImportService;
import org.liaison.wire.v1.IdentifierType;

/**
 * The held filters (every case's targets at once) and the automatic checks (a case's targets in
 * slices of subjects) read the same targets, with a person's date of birth taken from the person
 * (the real database, the node's own import).
 */
@QuarkusTest
class ActiveTargetsTest {
  private static final Set<String> SCOPE = Set.of("DRUG_TRAFFICKING");

  @Inject ImportService imports;
  @Inject ActiveTargets targets;
  @Inject AgroalDataSource db;

  @Test
  void bothReaders_takeAPersonsDateOfBirthFromThePerson_notFromTheCopyBesideTheNameKeys()
      throws Exception {
    for (String line :
        List.of(
            "{\"kind\":\"case\",\"caseNumber\":\"T-AT-DOB\",\"agency\":\"us.test\",\"agent\":"
                + "{\"name\":\"Agent Dob\"},\"crimeCategories\":[\"DRUG_TRAFFICKING\"],"
                + "\"status\":\"ACTIVE\"}",
            "{\"kind\":\"subject\",\"id\":\"at-dob-phone\",\"case\":\"T-AT-DOB\",\"type\":\"PHONE\","
                + "\"identifiers\":[{\"type\":\"PHONE\",\"value\":\"+1 305 555 0177\"}]}",
            "{\"kind\":\"subject\",\"id\":\"at-dob-volkov\",\"case\":\"T-AT-DOB\","
                + "\"type\":\"PERSON\",\"name\":\"Dmitriy Volkov\",\"dateOfBirth\":\"1979-03-14\"}")) {
      ImportResult r = imports.importLine(1, line);
      assertThat(r.accepted()).as(r.message()).isTrue();
    }
    // the copy beside the name keys disagrees with the person (as a copy can): the person wins
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "update subject_name_keys set date_of_birth = ? where subject_id = (select id"
                    + " from subjects where external_id = 'at-dob-volkov')")) {
      s.setObject(1, LocalDate.of(1980, 1, 1));
      assertThat(s.executeUpdate()).isPositive();
    }
    Set<ByteString> expected = new HashSet<>();
    expected.add(MatchInputs.identifier(IdentifierType.PHONE, "+13055550177"));
    expected.addAll(MatchInputs.person("Dmitriy Volkov", LocalDate.of(1979, 3, 14)));

    Map<ByteString, Set<String>> ofCases = targets.ofCases(List.of("T-AT-DOB"), SCOPE);
    assertThat(ofCases.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(ofCases.values()).allSatisfy(cases -> assertThat(cases).containsExactly("T-AT-DOB"));

    Set<ByteString> sliced = new HashSet<>();
    long after = 0;
    for (ActiveTargets.Slice slice = targets.ofCaseAfter("T-AT-DOB", SCOPE, after, 1);
        slice.through() != after;
        slice = targets.ofCaseAfter("T-AT-DOB", SCOPE, after, 1)) {
      sliced.addAll(slice.inputs());
      after = slice.through();
    }
    assertThat(sliced).containsExactlyInAnyOrderElementsOf(expected);
  }
}
