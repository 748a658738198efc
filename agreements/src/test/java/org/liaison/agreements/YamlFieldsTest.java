package org.liaison.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;

class YamlFieldsTest {
  private final YamlFields y = new YamlFields();
  private final Node node = new Yaml().compose(new StringReader("\n\n  value: abc\n"));

  @Test
  void checked_keepsAValueThatPasses_andRecordsNothing() {
    assertThat(y.checked(Optional.of("abc"), node, "value", v -> v.length() == 3, v -> "bad"))
        .contains("abc");
    assertThat(y.errors()).isEmpty();
  }

  @Test
  void checked_dropsAValueThatFails_andRecordsTheComplaintAtTheNode() {
    assertThat(
            y.checked(
                Optional.of("abc"),
                node,
                "value",
                v -> v.length() == 4,
                v -> "'" + v + "' is not four letters"))
        .isEmpty();
    assertThat(y.errors())
        .containsExactly(new ValidationError(3, 3, "value", "'abc' is not four letters"));
  }

  @Test
  void checked_nothingToCheck_recordsNothing() {
    assertThat(y.checked(Optional.<String>empty(), node, "value", v -> false, v -> "bad"))
        .isEmpty();
    assertThat(y.errors()).isEmpty();
  }

  @Test
  void both_makesTheValueOnlyWhereBothWereRead() {
    assertThat(YamlFields.both(Optional.of(1), Optional.of("a"), (n, s) -> s + n)).contains("a1");
    assertThat(YamlFields.both(Optional.of(1), Optional.<String>empty(), (n, s) -> s + n))
        .isEmpty();
    assertThat(YamlFields.both(Optional.<Integer>empty(), Optional.of("a"), (n, s) -> s + n))
        .isEmpty();
  }
}
