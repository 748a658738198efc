package org.liaison.node.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** An import line's array fields: absent or null is none, anything but an array is refused. */
class LineArraysTest {
  private static Line line(String json) throws Exception {
    return new Line(new ObjectMapper().readTree(json), "case C-1");
  }

  @Test
  void anAbsentOrNullArray_isEmpty_forTextsAndItemsAlike() throws Exception {
    assertThat(line("{}").texts("crimeCategories")).isEmpty();
    assertThat(line("{\"crimeCategories\":null}").texts("crimeCategories")).isEmpty();
    assertThat(line("{}").array("identifiers")).isEmpty();
    assertThat(line("{\"identifiers\":null}").array("identifiers")).isEmpty();
  }

  @Test
  void itemsAreKeptInOrder_andTextsTrimmed() throws Exception {
    Line l = line("{\"tags\":[\" a \",\"b\"],\"identifiers\":[{\"type\":\"PHONE\"},3]}");
    assertThat(l.texts("tags")).containsExactly("a", "b");
    assertThat(l.array("identifiers")).hasSize(2);
    assertThat(l.array("identifiers").get(1).asInt()).isEqualTo(3);
  }

  @Test
  void aFieldThatIsNotAnArray_isRefusedNamingTheItemAndTheField() throws Exception {
    assertThatThrownBy(() -> line("{\"tags\":\"a\"}").texts("tags"))
        .isInstanceOf(ImportRejection.class)
        .hasMessage("case C-1: 'tags' must be an array of text");
    assertThatThrownBy(() -> line("{\"identifiers\":{}}").array("identifiers"))
        .isInstanceOf(ImportRejection.class)
        .hasMessage("case C-1: 'identifiers' must be an array");
    assertThatThrownBy(() -> line("{\"tags\":[\"a\",\" \"]}").texts("tags"))
        .isInstanceOf(ImportRejection.class)
        .hasMessage("case C-1: 'tags' must be an array of text");
  }
}
