package org.liaison.cli;

import picocli.CommandLine.Option;

/** {@code --case REF}: the officer's case reference a request, answer or report is filed under. */
final class CaseOption {
  @Option(names = "--case", paramLabel = "REF", description = "Your case reference.")
  String reference = "";
}
