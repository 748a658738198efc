package org.liaison.agreements;

import com.google.protobuf.ProtocolMessageEnum;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.liaison.wire.vocabulary.Vocabulary;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads typed values out of a snakeyaml node tree and records every mistake with its line and field
 * path, so that a document is reported in full rather than one error at a time.
 */
final class YamlFields {
  static final Pattern AGENCY = Pattern.compile("[a-z0-9]+(\\.[a-z0-9-]+)+");

  private final List<ValidationError> errors = new ArrayList<>();

  List<ValidationError> errors() {
    return errors;
  }

  void error(Node at, String field, String message) {
    int line = at == null ? 1 : at.getStartMark().getLine() + 1;
    int column = at == null ? 1 : at.getStartMark().getColumn() + 1;
    errors.add(new ValidationError(line, column, field, message));
  }

  /** A mapping node's entries by key; reports duplicate keys, non-scalar keys and unknown keys. */
  Optional<Map<String, Node>> mapping(Node node, String path, Set<String> known) {
    if (!(node instanceof MappingNode m)) {
      error(node, path, "must be a mapping of field: value");
      return Optional.empty();
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        error(t.getKeyNode(), path, "field names must be plain words");
        continue;
      }
      String key = k.getValue();
      String field = join(path, key);
      if (out.containsKey(key)) {
        error(k, field, "appears twice");
      } else if (!known.contains(key)) {
        error(k, field, "unknown field (known: " + String.join(", ", known) + ")");
      } else {
        out.put(key, t.getValueNode());
      }
    }
    return Optional.of(out);
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  Optional<Node> required(Map<String, Node> map, Node parent, String path, String key) {
    Node n = map.get(key);
    if (n == null) {
      error(parent, join(path, key), "missing (required)");
      return Optional.empty();
    }
    return Optional.of(n);
  }

  Optional<String> scalar(Node node, String field) {
    if (node instanceof ScalarNode s) {
      String v = s.getValue().strip();
      if (v.isEmpty()) {
        error(node, field, "must not be empty");
        return Optional.empty();
      }
      return Optional.of(v);
    }
    error(node, field, "must be a single value");
    return Optional.empty();
  }

  Optional<String> string(Map<String, Node> map, Node parent, String path, String key) {
    return required(map, parent, path, key, stringItem());
  }

  /** A required field of the mapping at {@code path}, read by {@code value} under its full name. */
  <T> Optional<T> required(
      Map<String, Node> map, Node parent, String path, String key, ItemReader<T> value) {
    return required(map, parent, path, key).flatMap(n -> value.read(n, join(path, key)));
  }

  /** An optional field of the mapping at {@code path}: {@code absent} when it is not there. */
  <T> Optional<T> optional(
      Map<String, Node> map, String path, String key, ItemReader<T> value, T absent) {
    Node n = map.get(key);
    return n == null ? Optional.of(absent) : value.read(n, join(path, key));
  }

  Optional<Integer> integer(Node node, String field, int min) {
    return scalar(node, field)
        .flatMap(
            v -> {
              try {
                int i = Integer.parseInt(v);
                if (i < min) {
                  error(node, field, "must be at least " + min + ", was " + v);
                  return Optional.empty();
                }
                return Optional.of(i);
              } catch (NumberFormatException e) {
                error(node, field, "'" + v + "' is not a whole number");
                return Optional.empty();
              }
            });
  }

  Optional<Boolean> bool(Node node, String field) {
    return parsed(
        node,
        field,
        v ->
            switch (v.toLowerCase(Locale.ROOT)) {
              case "true", "yes" -> Optional.of(true);
              case "false", "no" -> Optional.of(false);
              default -> Optional.empty();
            },
        v -> "'" + v + "' is not true or false");
  }

  Optional<LocalDate> date(Node node, String field) {
    return parsed(
        node,
        field,
        v -> {
          try {
            return Optional.of(LocalDate.parse(v));
          } catch (DateTimeParseException e) {
            return Optional.empty();
          }
        },
        v -> "'" + v + "' is not a date (YYYY-MM-DD)");
  }

  Optional<String> agency(Node node, String field) {
    return parsed(
        node,
        field,
        v -> AGENCY.matcher(v).matches() ? Optional.of(v) : Optional.empty(),
        v -> "'" + v + "' is not an agency id (lower-case dotted, e.g. us.ice)");
  }

  <E extends Enum<E>> Optional<E> enumValue(Node node, String field, Class<E> type) {
    return parsed(
        node,
        field,
        v -> {
          try {
            return Optional.of(Enum.valueOf(type, v.toUpperCase(Locale.ROOT)));
          } catch (IllegalArgumentException e) {
            return Optional.empty();
          }
        },
        v -> "'" + v + "' is not one of " + names(type));
  }

  /** A code of the vocabulary ({@link Vocabulary}): case, blanks and {@code -} forgiven. */
  <E extends Enum<E> & ProtocolMessageEnum> Optional<E> code(
      Node node, String field, Class<E> vocabulary) {
    return parsed(
        node,
        field,
        v -> Vocabulary.parse(vocabulary, v),
        v -> "'" + v + "' is not one of " + String.join(", ", Vocabulary.codes(vocabulary)));
  }

  /**
   * A single value read by {@code read}; where it reads nothing, the error is {@code complaint} of
   * the value as written.
   */
  private <T> Optional<T> parsed(
      Node node,
      String field,
      Function<String, Optional<T>> read,
      Function<String, String> complaint) {
    return scalar(node, field)
        .flatMap(
            v -> {
              Optional<T> value = read.apply(v);
              if (value.isEmpty()) {
                error(node, field, complaint.apply(v));
              }
              return value;
            });
  }

  /**
   * {@code value} where {@code ok} holds for it; otherwise empty, and the error at {@code node} is
   * {@code complaint} of the value.
   */
  <T> Optional<T> checked(
      Optional<T> value, Node node, String field, Predicate<T> ok, Function<T, String> complaint) {
    return value.filter(
        v -> {
          if (!ok.test(v)) {
            error(node, field, complaint.apply(v));
            return false;
          }
          return true;
        });
  }

  /**
   * What {@code make} makes of two values read, where both were; each was read (and its mistakes
   * recorded) before this is called, so a section reports every field wrong in it.
   */
  static <A, B, R> Optional<R> both(Optional<A> a, Optional<B> b, BiFunction<A, B, R> make) {
    return a.isPresent() && b.isPresent()
        ? Optional.of(make.apply(a.get(), b.get()))
        : Optional.empty();
  }

  static <E extends Enum<E>> String names(Class<E> type) {
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
    }
    return String.join(", ", names);
  }

  /** A sequence; each element read by {@code item(node, field)}; failed elements are skipped. */
  <T> Optional<List<T>> list(Node node, String field, ItemReader<T> item) {
    if (!(node instanceof SequenceNode s)) {
      error(node, field, "must be a list");
      return Optional.empty();
    }
    List<T> out = new ArrayList<>();
    List<Node> items = s.getValue();
    for (int i = 0; i < items.size(); i++) {
      item.read(items.get(i), field + "[" + i + "]").ifPresent(out::add);
    }
    return Optional.of(out);
  }

  <T> Optional<List<T>> nonEmptyList(Node node, String field, ItemReader<T> item) {
    Optional<List<T>> l = list(node, field, item);
    if (l.isPresent() && ((SequenceNode) node).getValue().isEmpty()) {
      error(node, field, "must list at least one entry");
      return Optional.empty();
    }
    return l;
  }

  <E extends Enum<E>> ItemReader<E> enumItem(Class<E> type) {
    return (n, f) -> enumValue(n, f, type);
  }

  <E extends Enum<E> & ProtocolMessageEnum> ItemReader<E> codeItem(Class<E> vocabulary) {
    return (n, f) -> code(n, f, vocabulary);
  }

  ItemReader<String> stringItem() {
    return this::scalar;
  }

  ItemReader<Integer> integerItem(int min) {
    return (n, f) -> integer(n, f, min);
  }

  ItemReader<Boolean> boolItem() {
    return this::bool;
  }

  ItemReader<LocalDate> dateItem() {
    return this::date;
  }

  ItemReader<String> upperItem() {
    return (n, f) -> scalar(n, f).map(v -> v.toUpperCase(Locale.ROOT));
  }

  <T> ItemReader<T> mapped(ItemReader<String> base, Function<String, T> fn) {
    return (n, f) -> base.read(n, f).map(fn);
  }

  @FunctionalInterface
  interface ItemReader<T> {
    Optional<T> read(Node node, String field);
  }
}
