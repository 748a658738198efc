package org.liaison.node.identifiers;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.codec.language.DoubleMetaphone;

/** Person names in comparable form: Latin ASCII tokens, and their phonetic codes. */
final class Names {
  private static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");
  private static final Pattern FOLDED_ENDING = Pattern.compile("(ij|iy|ii|yi|yj|y|j)$");
  private static final Pattern FOLDED_YA_ENDING = Pattern.compile("(iya|ija|iia|ya|ja)$");
  private static final Pattern FOLDED_START = Pattern.compile("^(i|j)(?=[aeou])");

  /**
   * Soft and hard signs as the transliterations write them ("Ilʹya", "Natal'ya", in capitals with a
   * combining mark): dropped.
   */
  private static final Pattern SIGNS =
      Pattern.compile("['\\u2019\\u02B9\\u02BA\\u02BC\\u02EE`\"\\p{M}]");

  private static final Pattern NOT_LETTER_OR_PERIOD = Pattern.compile("[^a-z.]+");
  // Transliterators are not thread-safe; one per thread.
  private static final ThreadLocal<Transliterator> RUSSIAN_BGN =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Russian-Latin/BGN; Latin-ASCII"));
  private static final ThreadLocal<Transliterator> CYRILLIC_ISO =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Cyrillic-Latin; Latin-ASCII"));

  /**
   * ISO 9 Latin (Žukov, Ŝukin, Ûliâ: letters BGN never writes) read back as Cyrillic, then as BGN.
   */
  private static final Pattern SLAVIC_LATIN = Pattern.compile("[čšžûâŝČŠŽÛÂŜ]");

  private static final ThreadLocal<Transliterator> SLAVIC_LATIN_BGN =
      ThreadLocal.withInitial(
          () -> Transliterator.getInstance("Latin-Cyrillic; Russian-Latin/BGN; Latin-ASCII"));
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
   * (Cyrillic is read both with the BGN/PCGN system, "Dmitriy", and the ISO-style one, "Dmitrij";
   * Latin with the háčeks of ISO 9, "Žukov", is also read as the BGN "Zhukov").
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
      if (SLAVIC_LATIN.matcher(name).find()) {
        forms.add(tokens(SLAVIC_LATIN_BGN.get().transliterate(name.toLowerCase(Locale.ROOT))));
      }
    }
    forms.removeIf(List::isEmpty);
    if (forms.isEmpty()) {
      throw new InvalidIdentifierException("the name '" + name.trim() + "' has no letters");
    }
    return new ArrayList<>(forms);
  }

  /**
   * The words of a Latin name; a word abbreviated with a period ("S." in "Dmitrii S. Volkov", "Yu."
   * for the Cyrillic "Ю.") keeps its period, so that it is read as an initial.
   */
  private static List<String> tokens(String latin) {
    String lower = SIGNS.matcher(latin.toLowerCase(Locale.ROOT)).replaceAll("");
    List<String> tokens = new ArrayList<>();
    for (String piece : NOT_LETTER_OR_PERIOD.split(lower)) {
      String[] parts = piece.split("\\.", -1);
      for (int i = 0; i < parts.length; i++) {
        if (!parts[i].isEmpty()) {
          tokens.add(i < parts.length - 1 ? parts[i] + "." : parts[i]);
        }
      }
    }
    return tokens;
  }

  /**
   * Primary and alternate Double Metaphone codes of one word. What transliteration systems write
   * differently is folded first, since the code would keep it: the endings of the Cyrillic
   * "-ий"/"-ый"/"-ей" (Dmitriy, Dmitrij, Dmitrii, Dmitry; Sergey, Sergej, Sergei) to "i", of "-ия"
   * (Mariya, Marija, Mariia, Maria) to "ia", an initial "Ю"/"Я" (Yuriy, Jurij, Iurii) to "y", and
   * "ц" (Kuznetsov, Kuznecov) to "c". With {@code gendered}, a word ending in "a" (Volkova,
   * Aleksandra, Kovalskaya) has its codes marked, so that the feminine form of a name is a
   * different key from the masculine one.
   */
  static Set<String> codes(String word, boolean gendered) {
    String token = FOLDED_START.matcher(word).replaceFirst("y");
    token = FOLDED_YA_ENDING.matcher(token).replaceAll("ia");
    token = FOLDED_ENDING.matcher(token).replaceAll("i");
    token = token.replace("ts", "c");
    String mark = gendered && word.endsWith("a") ? "a" : "";
    DoubleMetaphone dm = METAPHONE.get();
    Set<String> codes = new LinkedHashSet<>(2);
    String primary = dm.doubleMetaphone(token);
    String alternate = dm.doubleMetaphone(token, true);
    if (primary != null && !primary.isEmpty()) {
      codes.add(primary + mark);
    }
    if (alternate != null && !alternate.isEmpty()) {
      codes.add(alternate + mark);
    }
    if (codes.isEmpty()) {
      codes.add(token.toUpperCase(Locale.ROOT) + mark);
    }
    return codes;
  }

  /**
   * An initial as comparable text: without its period, "Iu." (ICAO) and "Ju." (ISO) written as the
   * BGN "yu", since transliteration may spell one Cyrillic letter with several Latin ones.
   */
  static String initial(String token) {
    String letters = token.endsWith(".") ? token.substring(0, token.length() - 1) : token;
    return FOLDED_START.matcher(letters).replaceFirst("y");
  }
}
