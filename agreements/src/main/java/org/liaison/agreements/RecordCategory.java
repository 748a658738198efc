package org.liaison.agreements;

import java.util.Locale;
import java.util.Optional;

/** The one vocabulary of record categories an agreement can share. */
public enum RecordCategory {
  /** report of investigation */
  ROI,
  /** wiretap intercept summary */
  INTERCEPT,
  /** financial investigative material */
  FINANCIAL,
  /** passenger name record (e.g. EU PNR received by CBP) */
  PNR,
  SEIZURE,
  INTERDICTION,
  ARREST,
  CASE_SUMMARY,
  SUBJECT_PROFILE,
  OPERATION,
  DESIGNATION;

  /**
   * Parses a code, ignoring case and surrounding blanks; empty when it is not in the vocabulary.
   */
  public static Optional<RecordCategory> parse(String code) {
    if (code == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(code.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
