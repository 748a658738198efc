package org.liaison.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgencyGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String generate(long seed, long subjects) throws Exception {
    StringWriter out = new StringWriter();
    new AgencyGenerator("us.dea", seed).write(out, subjects, 10);
    return out.toString();
  }

  @Test
  void theSameSeedWritesTheSameAgencyAndAnotherSeedAnother() throws Exception {
    assertThat(generate(7, 500)).isEqualTo(generate(7, 500));
    assertThat(generate(8, 500)).isNotEqualTo(generate(7, 500));
  }

  @Test
  void writesExactlyTheSubjectsAskedForWithEveryKindOfLineAndCrossReferencesThatResolve()
      throws Exception {
    StringWriter out = new StringWriter();
    AgencyGenerator.Summary summary = new AgencyGenerator("us.dea", 3).write(out, 3000, 25);
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize((int) summary.lines());

    Map<String, Integer> kinds = new HashMap<>();
    Set<String> cases = new HashSet<>();
    Set<String> subjects = new HashSet<>();
    Set<String> identifierTypes = new HashSet<>();
    int cyrillic = 0;
    int foreignOriginator = 0;
    for (String line : lines) {
      JsonNode n = JSON.readTree(line);
      String kind = n.get("kind").asText();
      kinds.merge(kind, 1, Integer::sum);
      switch (kind) {
        case "case" -> cases.add(n.get("caseNumber").asText());
        case "subject" -> {
          assertThat(cases).contains(n.get("case").asText());
          subjects.add(n.get("id").asText());
          n.get("identifiers").forEach(i -> identifierTypes.add(i.get("type").asText()));
          if (n.has("name") && n.get("name").asText().matches(".*\\p{IsCyrillic}.*")) {
            cyrillic++;
          }
        }
        case "record" -> {
          assertThat(cases).contains(n.get("case").asText());
          n.get("subjects").forEach(s -> assertThat(subjects).contains(s.asText()));
          if (n.has("originator")) {
            foreignOriginator++;
          }
        }
        case "operation" -> assertThat(cases).contains(n.get("case").asText());
        default -> throw new AssertionError("unexpected kind " + kind);
      }
    }
    assertThat(subjects).hasSize(3000);
    assertThat(summary.subjects()).isEqualTo(3000);
    assertThat(kinds.get("case")).isEqualTo((int) summary.cases());
    assertThat(kinds.get("record")).isEqualTo((int) summary.records());
    assertThat(kinds.get("operation")).isEqualTo((int) summary.operations());
    assertThat(identifierTypes).contains("PHONE", "EMAIL", "DOCUMENT", "PLATE");
    assertThat(cyrillic).isGreaterThan(100);
    assertThat(foreignOriginator).isGreaterThan(10);
    assertThat(summary.probes()).hasSize(25);
  }
}
