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
    assertThatThrownBy(() -> PersonKeys.of("123 !")).hasMessage("the name '123 !' has no letters");
    assertThatThrownBy(() -> PersonKeys.of(null)).isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void of_aKeptNameHasTheKeysItsNameHas() {
    for (String name : new String[] {"Дмитрий Волков", "Dmitrii S. Volkov", "Anna Žukova"}) {
      Set<String> first = PersonKeys.of(name);
      assertThat(PersonKeys.of(name)).isEqualTo(first).isEqualTo(PersonName.parse(name).keys());
      assertThat(PersonKeys.of(new String(name))).containsExactlyElementsOf(first);
      assertThatThrownBy(() -> first.add("X")).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void of_keepsAtMostSoManyNames() {
    for (int n = 0; n < PersonKeys.CACHED_NAMES + 100; n++) {
      String name = "Volkov " + Integer.toString(n, 26).replaceAll("[0-9]", "x") + "a";
      assertThat(PersonKeys.of(name)).isEqualTo(PersonName.parse(name).keys());
    }
    assertThat(PersonKeys.keptNames()).isBetween(1, PersonKeys.CACHED_NAMES);
  }
}
