package org.liaison.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

final class Dates {
  private Dates() {}

  /** The date in ISO form if {@code s} is a valid YYYY-MM-DD date. */
  static Optional<String> isoDate(String s) {
    try {
      return Optional.of(LocalDate.parse(s.strip()).toString());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
