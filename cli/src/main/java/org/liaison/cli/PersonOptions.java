package org.liaison.cli;

import java.util.Optional;
import org.liaison.wire.v1.PersonQuery;
import picocli.CommandLine.Option;

/** A person a query or check is about, instead of an identifier: a name and a date of birth. */
final class PersonOptions {

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "A person's name, in any script (instead of an identifier).")
  String name;

  @Option(
      names = "--dob",
      paramLabel = "YYYY-MM-DD",
      description = "The person's date of birth (with --name).")
  String dateOfBirth;

  boolean given() {
    return name != null;
  }

  /**
   * The person, if --name was given; {@code dobRequired} when a name alone is not enough.
   *
   * @throws IllegalArgumentException with a sentence for the officer when the options are wrong
   */
  Optional<PersonQuery> person(boolean dobRequired) {
    if (name == null) {
      if (dateOfBirth != null) {
        throw new IllegalArgumentException("--dob goes with --name.");
      }
      return Optional.empty();
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("--name is empty.");
    }
    PersonQuery.Builder person = PersonQuery.newBuilder().setName(name);
    if (dateOfBirth == null) {
      if (dobRequired) {
        throw new IllegalArgumentException(
            "--name needs --dob here: people are de-conflicted by name and date of birth"
                + " together, so that a common name alone never raises a conflict.");
      }
      return Optional.of(person.build());
    }
    String dob =
        Dates.isoDate(dateOfBirth)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "--dob '" + dateOfBirth + "' is not a date YYYY-MM-DD."));
    return Optional.of(person.setDateOfBirth(dob).build());
  }
}
