package org.liaison.node.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Reason;

@QuarkusTest
class FileImportTest {
  @Inject FileImport files;
  @Inject EntityManager em;

  private static Path file(String caseNumber, int subjects, int badLine) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(
        "{\"kind\":\"case\",\"caseNumber\":\""
            + caseNumber
            + "\",\"agency\":\"us.test\",\"agent\":{\"name\":\"SA Test\"},"
            + "\"crimeCategories\":[\"DRUG_TRAFFICKING\"]}");
    for (int i = 0; i < subjects; i++) {
      lines.add(
          lines.size() + 1 == badLine
              ? "{\"kind\":\"subject\",\"id\":\"bad\"}"
              : "{\"kind\":\"subject\",\"id\":\""
                  + caseNumber.toLowerCase()
                  + "-"
                  + i
                  + "\",\"case\":\""
                  + caseNumber
                  + "\",\"type\":\"EMAIL\",\"identifiers\":[{\"type\":\"EMAIL\",\"value\":\"s"
                  + i
                  + "@example.com\"}]}");
    }
    Path f = Files.createTempFile("file-import", ".jsonl");
    Files.write(f, lines);
    return f;
  }

  @Test
  void importFile_reportsEveryBatch_andRejectedLinesWithNumbers() throws Exception {
    Path f = file("T-FILE-1", 4500, 3001);
    List<FileImport.Progress> seen = new ArrayList<>();

    FileImport.Progress last = files.importFile(f, 0, p -> seen.add(p));

    assertThat(seen).extracting(FileImport.Progress::lastLine).containsExactly(2000L, 4000L, 4501L);
    assertThat(seen.get(1).rejected()).extracting(ImportResult::line).containsExactly(3001L);
    assertThat(seen.get(1).rejected().get(0).reason()).isEqualTo(Reason.INVALID_ARGUMENT);
    assertThat(last.accepted()).isEqualTo(4500);
    assertThat(last.rejectedTotal()).isEqualTo(1);
    assertThat(count("T-FILE-1")).isEqualTo(4499);
  }

  @Test
  void importFile_stoppedAfterABatch_resumesAfterItsLastLine() throws Exception {
    Path f = file("T-FILE-2", 5000, -1);

    FileImport.Progress stopped = files.importFile(f, 0, p -> false);
    assertThat(stopped.lastLine()).isEqualTo(2000);
    assertThat(count("T-FILE-2")).isEqualTo(1999);

    FileImport.Progress rest = files.importFile(f, stopped.lastLine(), p -> true);
    assertThat(rest.accepted()).isEqualTo(3001);
    assertThat(count("T-FILE-2")).isEqualTo(5000);
  }

  private long count(String caseNumber) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery(
                                "select count(*) from subjects s join cases c on c.id = s.case_id"
                                    + " where c.case_number = ?")
                            .setParameter(1, caseNumber)
                            .getSingleResult())
                    .longValue());
  }
}
