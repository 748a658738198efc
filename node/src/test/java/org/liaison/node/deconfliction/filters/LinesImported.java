package org.liaison.node.deconfliction.filters;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import org.liaison.node.deconfliction.DeconflictionTriggers;
import org.liaison.node.deconfliction.matching.MatchInputs;
import org.liaison.node.records.ImportResult;
import org.liaison.node.records.ImportService;
import org.liaison.wire.v1.IdentifierType;

/** Import lines for the held filters' tests: one at a time, outside an import. */
final class LinesImported {
  private LinesImported() {}

  /** Adds a phone subject to the case; returns its match input. */
  static ByteString phone(ImportService imports, String caseNumber, String id, String phone) {
    line(
        imports,
        "{\"kind\":\"subject\",\"id\":\""
            + id
            + "\",\"case\":\""
            + caseNumber
            + "\",\"type\":\"PHONE\",\"identifiers\":[{\"type\":\"PHONE\",\"value\":\""
            + phone
            + "\"}]}");
    return MatchInputs.identifier(IdentifierType.PHONE, phone.replace(" ", ""));
  }

  /** One line, its automatic case check left out (its own filter requests would join in). */
  static void line(ImportService imports, String line) {
    ImportResult r = DeconflictionTriggers.withoutTriggers(() -> imports.importLine(1, line));
    assertThat(r.accepted()).as(r.message()).isTrue();
  }
}
