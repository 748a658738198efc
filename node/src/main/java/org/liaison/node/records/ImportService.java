package org.liaison.node.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.liaison.wire.v1.Reason;

/**
 * Imports the JSON Lines format of docs/import-format.md, one line at a time, each line in its own
 * transaction: a line is stored whole or not at all. Lines are idempotent by their id, so an
 * importer that resumes after the last acknowledged line, or repeats lines, stores nothing twice.
 */
@ApplicationScoped
public class ImportService {
  private static final Logger LOG = Logger.getLogger(ImportService.class);

  private final EntityManager em;
  private final ObjectMapper json;
  private final Map<String, LineImporter> importers;
  @Inject Event<RecordsChanged> changes;

  @Inject
  public ImportService(EntityManager em, ObjectMapper json) {
    this.em = em;
    this.json = json;
    this.importers =
        Stream.of(new CaseLines(), new SubjectLines(), new RecordLines(json), new OperationLines())
            .collect(Collectors.toUnmodifiableMap(LineImporter::kind, Function.identity()));
  }

  /**
   * Imports one line in its own transaction.
   *
   * @param lineNumber the line's number in its source, echoed in the result and its message
   * @param line one JSON object of the import format
   */
  public ImportResult importLine(long lineNumber, String line) {
    Parsed parsed = parse(lineNumber, line);
    if (parsed.rejected() != null) {
      return parsed.rejected();
    }
    LineImporter importer = parsed.importer();
    Line item = parsed.item();
    String id = parsed.id();
    try {
      return stored(lineNumber, importer, item);
    } catch (ImportRejection rejection) {
      return ImportResult.rejected(lineNumber, id, rejection.reason(), rejection.getMessage());
    } catch (RuntimeException first) {
      // Most likely the same id stored concurrently by another importer: once more sees it.
      LOG.debugf(first, "line %d: retrying after %s", lineNumber, first.getMessage());
      try {
        return stored(lineNumber, importer, item);
      } catch (ImportRejection rejection) {
        return ImportResult.rejected(lineNumber, id, rejection.reason(), rejection.getMessage());
      } catch (RuntimeException again) {
        LOG.errorf(again, "line %d could not be stored", lineNumber);
        return ImportResult.rejected(
            lineNumber,
            id,
            Reason.INTERNAL,
            item.what() + " could not be stored: " + rootMessage(again));
      }
    }
  }

  /**
   * A line read as JSON with its importer, or the rejection of a line that is not one object of a
   * known kind.
   */
  record Parsed(
      long number,
      LineImporter importer,
      Line item,
      String id,
      String caseNumber,
      ImportResult rejected) {
    static Parsed rejected(long number, Reason reason, String message) {
      return new Parsed(
          number, null, null, null, null, ImportResult.rejected(number, null, reason, message));
    }
  }

  Parsed parse(long lineNumber, String line) {
    JsonNode node;
    try {
      node = line == null || line.isBlank() ? null : json.readTree(line);
    } catch (JsonProcessingException e) {
      return Parsed.rejected(
          lineNumber, Reason.INVALID_ARGUMENT, "not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return Parsed.rejected(
          lineNumber, Reason.INVALID_ARGUMENT, "a line must be one JSON object with a \"kind\"");
    }
    JsonNode kindNode = node.get("kind");
    String kind = kindNode == null ? null : kindNode.asText();
    LineImporter importer = kind == null ? null : importers.get(kind);
    if (importer == null) {
      return Parsed.rejected(
          lineNumber,
          Reason.INVALID_ARGUMENT,
          (kind == null ? "\"kind\" is missing" : "\"kind\" is " + kind)
              + "; use case, subject, record or operation");
    }
    String id = idOf(importer, node, kind);
    JsonNode caseNode = node.has("case") ? node.get("case") : node.get("caseNumber");
    String caseNumber = caseNode == null || !caseNode.isValueNode() ? null : caseNode.asText();
    return new Parsed(
        lineNumber,
        importer,
        new Line(node, kind + " " + (id == null ? "(no id)" : id)),
        id,
        caseNumber,
        null);
  }

  private static String idOf(LineImporter importer, JsonNode node, String kind) {
    try {
      return importer.idOf(new Line(node, kind));
    } catch (ImportRejection e) {
      return null;
    }
  }

  private ImportResult stored(long lineNumber, LineImporter importer, Line item) {
    try {
      JsonNode caseNode =
          item.node().has("case") ? item.node().get("case") : item.node().get("caseNumber");
      String caseNumber = caseNode == null ? null : caseNode.asText();
      // fired in the transaction: what must commit with the change observes IN_PROGRESS, what
      // must see it committed observes AFTER_SUCCESS
      LineImporter.Stored stored =
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    LineImporter.Stored s = importer.importLine(item, em);
                    changes.fire(new RecordsChanged(importer.kind(), s.id(), caseNumber));
                    return s;
                  });
      return ImportResult.accepted(lineNumber, stored.id(), stored.message());
    } catch (QuarkusTransactionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * Imports every non-blank line of a JSON Lines file (UTF-8), numbering lines from 1.
   *
   * @throws IOException when the file cannot be read
   */
  public ImportSummary importFile(Path jsonl) throws IOException {
    long lines = 0;
    long accepted = 0;
    List<ImportResult> rejected = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      long number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        lines++;
        ImportResult result = importLine(number, line);
        if (result.accepted()) {
          accepted++;
        } else {
          rejected.add(result);
        }
      }
    }
    return new ImportSummary(lines, accepted, rejected, false);
  }

  /**
   * Imports a seed file when the database holds no case, subject, record or operation (first
   * start); otherwise does nothing and says so. Rejected lines are logged.
   *
   * @throws IOException when the file cannot be read
   */
  public ImportSummary seedIfEmpty(Path jsonl) throws IOException {
    if (!isEmpty()) {
      LOG.infof("database already holds records; seed file %s not imported", jsonl);
      return ImportSummary.skippedSeed();
    }
    ImportSummary summary = importFile(jsonl);
    LOG.infof(
        "seeded from %s: %d of %d lines imported", jsonl, summary.accepted(), summary.lines());
    summary.rejected().forEach(r -> LOG.warn(r.message()));
    return summary;
  }

  private boolean isEmpty() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Stream.of(CaseFile.class, Subject.class, CaseRecord.class, Operation.class)
                    .allMatch(
                        // one row is enough to know: no count over millions of rows at startup
                        type ->
                            em.createQuery(
                                    "select x.id from " + type.getSimpleName() + " x", Long.class)
                                .setMaxResults(1)
                                .getResultList()
                                .isEmpty()));
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
