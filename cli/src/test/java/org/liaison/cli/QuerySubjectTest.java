package org.liaison.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Identifier;
import org.liaison.wire.v1.PersonQuery;

/** A query or a check is about an identifier or a person: exactly one, else a usage sentence. */
class QuerySubjectTest {
  private static final Optional<Identifier> PHONE =
      Optional.of(Identifier.newBuilder().setValue("+13055550142").build());
  private static final Optional<PersonQuery> RUIZ =
      Optional.of(PersonQuery.newBuilder().setName("Ana Ruiz").build());

  private final List<Object> set = new ArrayList<>();

  private void either(Optional<Identifier> id, Optional<PersonQuery> who) {
    QuerySubject.either(id, who, "--name with --dob", "check", set::add, set::add);
  }

  @Test
  void theOneGiven_isSet() {
    either(PHONE, Optional.empty());
    either(Optional.empty(), RUIZ);
    assertThat(set).containsExactly(PHONE.get(), RUIZ.get());
  }

  @Test
  void both_orNeither_isRefusedWithASentence() {
    assertThatThrownBy(() -> either(PHONE, RUIZ))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Give either an identifier or --name with --dob, not both.");
    assertThatThrownBy(() -> either(Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Say what to check: one of " + IdentifierOptions.NAMES + ", or --name with --dob.");
    assertThat(set).isEmpty();
  }
}
