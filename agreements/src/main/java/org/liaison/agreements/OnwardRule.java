package org.liaison.agreements;

import java.util.List;
import java.util.Set;
import org.liaison.wire.vocabulary.RecordCategory;

/**
 * What the receiving side of a direction may pass on of a record category it got from the
 * disclosing side (the originator). {@code to} lists agencies it may disclose to without asking
 * ({@code "*"}: any agency it has an agreement in force with); anyone else needs the originator's
 * consent. {@code caveats} travel with every disclosure of such records.
 */
public record OnwardRule(RecordCategory category, Set<String> to, List<String> caveats) {
  public static final String ANY = "*";

  public OnwardRule {
    to = Set.copyOf(to);
    caveats = List.copyOf(caveats);
  }

  /** True when records of this category may go on to {@code agency} without consent. */
  public boolean permits(String agency) {
    return to.contains(ANY) || to.contains(agency);
  }
}
