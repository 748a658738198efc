package org.liaison.node.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonKeysTest {

  @Test
  void of_spellingsAndScriptsOfOneNameShareAKey() {
    Set<String> held = PersonKeys.of("Dmitriy Volkov");
    for (String variant :
        new String[] {
          "Дмитрий Волков", "Dmitry Volkov", "Dmitrii Volkov", "Dmitri Wolkow", "Volkov Dmitrij"
        }) {
      assertThat(PersonKeys.of(variant)).as(variant).containsAnyElementsOf(held);
    }
  }

  @Test
  void of_differentNamesShareNoKey() {
    assertThat(PersonKeys.of("Vladimir Volkov"))
        .doesNotContainAnyElementsOf(PersonKeys.of("Dmitriy Volkov"));
    assertThat(PersonKeys.of("Dmitriy Sokolov"))
        .doesNotContainAnyElementsOf(PersonKeys.of("Dmitriy Volkov"));
  }

  @Test
  void of_keyIsAPairOfPhoneticCodes() {
    assertThat(PersonKeys.of("Dmitriy Volkov")).contains("FLKF|TMTR");
    assertThat(PersonKeys.of("Volkov")).containsExactly("FLKF");
  }

  @Test
  void of_nameWithoutLettersIsRefused() {
    assertThatThrownBy(() -> PersonKeys.of("123 !")).hasMessage("the name '123 !' has no letters");
  }
}
