package org.liaison.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the agreement parser ({@link AgreementParser#parse(byte[])}), which reads every agreement
 * a node or gateway loads: the reference agreements with fuzzed edits (so that mutations reach the
 * schema checks behind the YAML syntax), or raw bytes. The parser never throws: every problem is a
 * {@link ValidationError} with a line, a column, a field and a sentence, and a document is either
 * an agreement with no errors or errors with no agreement.
 */
class AgreementYamlFuzzTest {

  private static final List<String> DOCUMENTS =
      List.of(
          "ice-skr-2010", "cbp-ice-2005", "dea-ice-xdes-2009", "ice-ioc2-2009", "ice-rcmp-cbsa-wr");

  private static final List<byte[]> SEEDS =
      DOCUMENTS.stream().map(AgreementYamlFuzzTest::reference).toList();

  private static byte[] reference(String id) {
    try (InputStream in = AgreementParser.class.getResourceAsStream("/reference/" + id + ".yaml")) {
      // the reference documents are templates; fill them in so that the seeds are valid
      String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return template
          .replaceAll("\\$\\{ca:[a-z0-9.-]+}", "ab".repeat(32))
          .replace("${start}", "2026-01-01")
          .replace("${end}", "2030-12-31")
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @org.junit.jupiter.api.Test
  void seedsAreValidAgreements() {
    for (byte[] seed : SEEDS) {
      assertThat(AgreementParser.parse(seed).errors()).isEmpty();
    }
  }

  @FuzzTest(maxDuration = "5m")
  void parse(FuzzedDataProvider data) {
    byte[] document;
    if (data.consumeBoolean()) {
      String text =
          new String(SEEDS.get(data.consumeInt(0, SEEDS.size() - 1)), StandardCharsets.UTF_8);
      StringBuilder b = new StringBuilder(text);
      int edits = data.consumeInt(1, 4);
      for (int i = 0; i < edits; i++) {
        int at = data.consumeInt(0, b.length());
        int cut = data.consumeInt(0, 32);
        b.replace(at, Math.min(b.length(), at + cut), data.consumeString(40));
      }
      document = b.toString().getBytes(StandardCharsets.UTF_8);
    } else {
      document = data.consumeRemainingAsBytes();
    }
    ParseResult r = AgreementParser.parse(document);
    assertThat(r.valid()).isEqualTo(r.errors().isEmpty());
    assertThat(r.agreement().isPresent()).isEqualTo(r.errors().isEmpty());
    for (ValidationError e : r.errors()) {
      assertThat(e.line()).isPositive();
      assertThat(e.column()).isPositive();
      assertThat(e.toString()).isNotBlank();
    }
  }
}
