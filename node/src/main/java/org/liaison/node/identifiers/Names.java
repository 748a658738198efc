package org.liaison.node.identifiers;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.codec.language.DoubleMetaphone;

/** Person names in comparable form: Latin ASCII tokens, and their phonetic codes. */
final class Names {
  private static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");
  private static final Pattern FOLDED_ENDING = Pattern.compile("(ij|iy|ii|yi|yj|y)$");
  private static final Pattern NOT_LETTER = Pattern.compile("[^a-z]+");
  // Transliterators are not thread-safe; one per thread.
  private static final ThreadLocal<Transliterator> RUSSIAN_BGN =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Russian-Latin/BGN; Latin-ASCII"));
  private static final ThreadLocal<Transliterator> CYRILLIC_ISO =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Cyrillic-Latin; Latin-ASCII"));
  private static final ThreadLocal<Transliterator> ANY_LATIN =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Any-Latin; Latin-ASCII"));
  private static final ThreadLocal<DoubleMetaphone> METAPHONE =
      ThreadLocal.withInitial(
          () -> {
            DoubleMetaphone dm = new DoubleMetaphone();
            dm.setMaxCodeLen(6);
            return dm;
          });

  private Names() {}

  /**
   * The name written in Latin ASCII, lower case, as token lists: one list per transliteration
   * (Cyrillic is read both with the BGN/PCGN system, "Dmitriy", and the ISO-style one, "Dmitrij").
   */
  static List<List<String>> latinForms(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidIdentifierException("the person's name is empty");
    }
    Set<List<String>> forms = new LinkedHashSet<>();
    if (CYRILLIC.matcher(name).find()) {
      forms.add(tokens(RUSSIAN_BGN.get().transliterate(name)));
      forms.add(tokens(CYRILLIC_ISO.get().transliterate(name)));
    } else {
      forms.add(tokens(ANY_LATIN.get().transliterate(name)));
    }
    forms.removeIf(List::isEmpty);
    if (forms.isEmpty()) {
      throw new InvalidIdentifierException("the name '" + name.trim() + "' has no letters");
    }
    return new ArrayList<>(forms);
  }

  private static List<String> tokens(String latin) {
    String cleaned = NOT_LETTER.matcher(latin.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    return cleaned.isEmpty() ? List.of() : Arrays.asList(cleaned.split(" "));
  }

  /**
   * Primary and alternate Double Metaphone codes of one token. The endings that transliteration
   * systems write differently for the Cyrillic "-ий"/"-ый"/"-ай" (Dmitriy, Dmitrij, Dmitrii,
   * Dmitry) are folded to "i" first, since the code would keep the "y" or "j".
   */
  static Set<String> codes(String word) {
    String token = FOLDED_ENDING.matcher(word).replaceAll("i");
    DoubleMetaphone dm = METAPHONE.get();
    Set<String> codes = new LinkedHashSet<>(2);
    String primary = dm.doubleMetaphone(token);
    String alternate = dm.doubleMetaphone(token, true);
    if (primary != null && !primary.isEmpty()) {
      codes.add(primary);
    }
    if (alternate != null && !alternate.isEmpty()) {
      codes.add(alternate);
    }
    if (codes.isEmpty()) {
      codes.add(token.toUpperCase(Locale.ROOT));
    }
    return codes;
  }
}
