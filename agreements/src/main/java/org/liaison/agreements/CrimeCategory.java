package org.liaison.agreements;

import java.util.Locale;
import java.util.Optional;

/**
 * The one vocabulary of crime areas. Agreements use it twice: {@code purposes} (why an officer may
 * ask) and {@code crime_categories} (which cases the shared records may come from); a query's
 * purpose and a case's crime categories are codes from this list.
 */
public enum CrimeCategory {
  DRUG_TRAFFICKING,
  NARCOTICS,
  MONEY_LAUNDERING,
  CHILD_SEXUAL_EXPLOITATION,
  HUMAN_TRAFFICKING,
  HUMAN_SMUGGLING,
  FINANCIAL_CRIME,
  CYBER_CRIME,
  INTERNATIONAL_ORGANIZED_CRIME,
  FIREARMS_TRAFFICKING,
  BORDER_ENFORCEMENT,
  CUSTOMS_FRAUD,
  IMMIGRATION_FRAUD,
  TERRORISM;

  /**
   * Parses a code, ignoring case and surrounding blanks; empty when it is not in the vocabulary.
   */
  public static Optional<CrimeCategory> parse(String code) {
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
