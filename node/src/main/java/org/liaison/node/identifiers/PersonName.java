package org.liaison.node.identifiers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A person's name read for matching: in each Latin form it can take (see {@link Names}), its full
 * words (given names and surnames, in any order), its initials ("S." in "Dmitrii S. Volkov") and
 * its patronymics ("Sergeevich"). Its {@link #keys() keys} are the one definition of "the same
 * name" that both the name matcher and private matching use, see docs/matching.md.
 */
public final class PersonName {
  /** Full words beyond this many (long multi-part names) do not add keys. */
  static final int MAX_WORDS = 4;

  /**
   * Russian patronymics as the transliteration systems write them: -ovich/-evich (BGN, ICAO), -ovič
   * (ISO, -ovic after Latin-ASCII), -ovitch (French), -ovna/-evna, -ichna.
   */
  private static final Pattern PATRONYMIC =
      Pattern.compile("[a-z]{2,}(ovich|evich|ovitch|evitch|ovic|evic|ovna|evna|ichna|icna)");

  /** One reading of the name. */
  record Form(List<String> words, List<String> initials, List<String> patronymics) {}

  private final List<Form> forms;

  private PersonName(List<Form> forms) {
    this.forms = forms;
  }

  /**
   * Reads a name in any script.
   *
   * @throws InvalidIdentifierException when the name has no letters
   */
  public static PersonName parse(String name) {
    List<Form> forms = new ArrayList<>();
    for (List<String> tokens : Names.latinForms(name)) {
      forms.add(form(tokens));
    }
    return new PersonName(List.copyOf(forms));
  }

  /**
   * Single letters and abbreviations are initials; a patronymic is set aside when at least two
   * other words remain (so "Marko Petrovic", a Serbian surname, keeps its surname).
   */
  private static Form form(List<String> tokens) {
    List<String> words = new ArrayList<>();
    List<String> initials = new ArrayList<>();
    List<String> patronymics = new ArrayList<>();
    for (String t : tokens) {
      if (t.length() == 1 || t.endsWith(".")) {
        initials.add(Names.initial(t));
      } else if (PATRONYMIC.matcher(t).matches()) {
        patronymics.add(t);
      } else {
        words.add(t);
      }
    }
    boolean namedWithoutIt = words.size() >= 2 || (words.size() == 1 && !initials.isEmpty());
    if (!namedWithoutIt && !patronymics.isEmpty()) {
      words.addAll(patronymics);
      patronymics.clear();
    }
    return new Form(List.copyOf(words), List.copyOf(initials), List.copyOf(patronymics));
  }

  List<Form> forms() {
    return forms;
  }

  /**
   * The name's match keys: for a name of two or more full words, every unordered pair of their
   * phonetic codes ("FLKF|TMTR" for Dmitriy Volkov, Волков Дмитрий Сергеевич and Dmitrii S. Volkov
   * alike); for a name of one full word, its codes with its first initial if it has one ("FLKF|d"
   * for D. S. Volkov). Patronymics and the initials of longer names add no key. Two names are the
   * same name (grade EXACT or PHONETIC) exactly when they share a key.
   */
  public Set<String> keys() {
    Set<String> keys = new TreeSet<>();
    for (Form form : forms) {
      keys.addAll(pairs(form, true));
    }
    return keys;
  }

  /** Keys written with the literal words: names sharing one are EXACT. */
  Set<String> exactKeys() {
    Set<String> keys = new TreeSet<>();
    for (Form form : forms) {
      List<String> words = cap(form.words());
      if (words.size() == 1) {
        keys.add(words.get(0) + initial(form));
      }
      for (int i = 0; i < words.size(); i++) {
        for (int j = i + 1; j < words.size(); j++) {
          keys.add(pair(words.get(i), words.get(j)));
        }
      }
    }
    return keys;
  }

  /** Keys without the feminine mark: names sharing one but no {@link #keys()} differ in gender. */
  Set<String> ungenderedKeys() {
    Set<String> keys = new TreeSet<>();
    for (Form form : forms) {
      keys.addAll(pairs(form, false));
    }
    return keys;
  }

  private static Set<String> pairs(Form form, boolean gendered) {
    List<String> words = cap(form.words());
    Set<String> keys = new LinkedHashSet<>();
    if (words.size() == 1) {
      for (String code : Names.codes(words.get(0), gendered)) {
        keys.add(code + initial(form));
      }
      return keys;
    }
    for (int i = 0; i < words.size(); i++) {
      for (int j = i + 1; j < words.size(); j++) {
        for (String a : Names.codes(words.get(i), gendered)) {
          for (String b : Names.codes(words.get(j), gendered)) {
            keys.add(pair(a, b));
          }
        }
      }
    }
    return keys;
  }

  /** A one-word name's first initial, part of its key ("FLKF|d" for D. S. Volkov). */
  private static String initial(Form form) {
    return form.initials().isEmpty() ? "" : "|" + form.initials().get(0);
  }

  private static List<String> cap(List<String> words) {
    return words.subList(0, Math.min(words.size(), MAX_WORDS));
  }

  private static String pair(String a, String b) {
    return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
  }
}
