package org.liaison.node.console;

import java.util.Locale;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.IdentifierType;
import org.liaison.wire.v1.PersonQuery;
import org.liaison.wire.v1.QueryRequest;

/** What a query or check form asks about: an identifier, or a person by name and birth date. */
final class Subjects {
  private Subjects() {}

  /** A form the officer can correct; its message is the sentence shown. */
  static final class FormError extends Exception {
    FormError(String sentence) {
      super(sentence);
    }
  }

  static QueryRequest.Builder subject(
      String type, String value, String country, String name, String dateOfBirth) throws FormError {
    QueryRequest.Builder q = QueryRequest.newBuilder();
    if (!blank(value)) {
      q.setIdentifier(identifier(type, value, country));
    } else if (!blank(name)) {
      q.setPerson(
          PersonQuery.newBuilder()
              .setName(name.strip())
              .setDateOfBirth(blank(dateOfBirth) ? "" : dateOfBirth.strip()));
    } else {
      throw new FormError("Say what to ask about: an identifier, or a name.");
    }
    return q;
  }

  static Identifier identifier(String type, String value, String country) throws FormError {
    IdentifierType t;
    try {
      t = IdentifierType.valueOf(blank(type) ? "" : type.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new FormError("Choose the kind of identifier (phone, e-mail, plate, ...).");
    }
    if (t == IdentifierType.IDENTIFIER_TYPE_UNSPECIFIED || t == IdentifierType.UNRECOGNIZED) {
      throw new FormError("Choose the kind of identifier (phone, e-mail, plate, ...).");
    }
    return Identifier.newBuilder()
        .setType(t)
        .setValue(value.strip())
        .setCountry(blank(country) ? "" : country.strip().toUpperCase(Locale.ROOT))
        .build();
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static String orEmpty(String s) {
    return s == null ? "" : s.strip();
  }
}
