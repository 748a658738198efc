package org.liaison.node.records;

import java.util.List;

/**
 * The outcome of importing a file.
 *
 * @param lines non-blank lines read
 * @param accepted lines accepted
 * @param rejected the rejected lines, each with its line number, reason and message
 * @param skipped true when a seed file was not imported because the database holds data
 */
public record ImportSummary(
    long lines, long accepted, List<ImportResult> rejected, boolean skipped) {
  public ImportSummary {
    rejected = List.copyOf(rejected);
  }

  static ImportSummary skippedSeed() {
    return new ImportSummary(0, 0, List.of(), true);
  }
}
