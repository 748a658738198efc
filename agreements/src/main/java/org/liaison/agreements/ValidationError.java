package org.liaison.agreements;

/**
 * One mistake in an agreement document: where it is (1-based line and column, the field path such
 * as {@code directions[0].records[1].tier}) and what is wrong.
 */
public record ValidationError(int line, int column, String field, String message) {
  @Override
  public String toString() {
    return "line " + line + ", field " + field + ": " + message;
  }
}
