package org.liaison.cli;

import java.util.Optional;
import java.util.function.Consumer;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.PersonQuery;

/** The one rule of what a query or a check is about: an identifier or a person, exactly one. */
final class QuerySubject {
  private QuerySubject() {}

  /**
   * Hands the one given to its setter.
   *
   * @param personOptions how the person is given, for the sentences ("--name with --dob")
   * @param asking what the command does, for the sentence that asks for a subject ("check")
   * @throws IllegalArgumentException with a sentence for the officer when both or neither are given
   */
  static void either(
      Optional<Identifier> identifier,
      Optional<PersonQuery> person,
      String personOptions,
      String asking,
      Consumer<Identifier> setIdentifier,
      Consumer<PersonQuery> setPerson) {
    if (identifier.isPresent() && person.isPresent()) {
      throw new IllegalArgumentException(
          "Give either an identifier or " + personOptions + ", not both.");
    }
    if (identifier.isPresent()) {
      setIdentifier.accept(identifier.get());
    } else if (person.isPresent()) {
      setPerson.accept(person.get());
    } else {
      throw new IllegalArgumentException(
          "Say what to "
              + asking
              + ": one of "
              + IdentifierOptions.NAMES
              + ", or "
              + personOptions
              + ".");
    }
  }
}
