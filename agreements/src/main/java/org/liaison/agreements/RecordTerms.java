package org.liaison.agreements;

import java.util.Set;
import org.liaison.wire.v1.Tier;
import org.liaison.wire.vocabulary.RecordCategory;

/**
 * How one record category is shared in one direction: the highest tier and, for the summary tier,
 * the fields that may leave. At FULL tier every field may leave; at HIT and POINTER none.
 */
public record RecordTerms(RecordCategory category, Tier tier, Set<String> fields) {
  public RecordTerms {
    fields = Set.copyOf(fields);
  }
}
