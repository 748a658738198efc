package org.liaison.node.records;

import org.liaison.wire.v1.Reason;

/**
 * The outcome of importing one JSON Lines line, as acknowledged to the importer.
 *
 * @param line the line number given with the line (echoed)
 * @param accepted true when the line is stored (now or by an earlier import of the same id)
 * @param id the stored item's id: case number, or the subject, record or operation id
 * @param reason {@link Reason#REASON_UNSPECIFIED} when accepted, otherwise why not
 * @param message a sentence: what was stored, or why the line was rejected
 */
public record ImportResult(long line, boolean accepted, String id, Reason reason, String message) {

  static ImportResult accepted(long line, String id, String message) {
    return new ImportResult(line, true, id, Reason.REASON_UNSPECIFIED, message);
  }

  static ImportResult rejected(long line, String id, Reason reason, String message) {
    return new ImportResult(
        line, false, id == null ? "" : id, reason, "line " + line + ": " + message);
  }
}
