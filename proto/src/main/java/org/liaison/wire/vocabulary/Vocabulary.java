package org.liaison.wire.vocabulary;

import com.google.protobuf.ProtocolMessageEnum;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and lists the codes of the one vocabulary ({@code liaison/vocabulary/v1/vocabulary.proto}):
 * crime categories (which are also the purposes a request states), officer roles and record
 * categories. A code is the enum value's name; case, surrounding blanks and {@code -} for {@code _}
 * are forgiven, the zero value is not a code.
 */
public final class Vocabulary {
  private Vocabulary() {}

  /** A crime category, the purpose of a request or an agreement's purpose. */
  public static Optional<CrimeCategory> crimeCategory(String code) {
    return parse(CrimeCategory.class, code);
  }

  /** A purpose is a crime category: the crime area an officer states as the reason to ask. */
  public static Optional<CrimeCategory> purpose(String code) {
    return crimeCategory(code);
  }

  public static Optional<OfficerRole> officerRole(String code) {
    return parse(OfficerRole.class, code);
  }

  public static Optional<RecordCategory> recordCategory(String code) {
    return parse(RecordCategory.class, code);
  }

  /** The codes of one of the vocabulary's enums, in declaration order. */
  public static <E extends Enum<E> & ProtocolMessageEnum> List<String> codes(Class<E> vocabulary) {
    return Arrays.stream(vocabulary.getEnumConstants())
        .filter(Vocabulary::isCode)
        .map(Enum::name)
        .toList();
  }

  /** The code, normalised (upper case, {@code _}); empty for no code or one not in the list. */
  public static <E extends Enum<E> & ProtocolMessageEnum> Optional<E> parse(
      Class<E> vocabulary, String code) {
    if (code == null || code.isBlank()) {
      return Optional.empty();
    }
    String name = code.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      E value = Enum.valueOf(vocabulary, name);
      return isCode(value) ? Optional.of(value) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean isCode(Enum<?> value) {
    return !value.name().equals("UNRECOGNIZED") && ((ProtocolMessageEnum) value).getNumber() != 0;
  }
}
