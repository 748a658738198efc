package org.liaison.node.query;

import org.liaison.node.search.RecordMatch;
import org.liaison.policy.RecordFacts;

/** The facts of a stored record that the policy engine decides on. */
final class RecordFactsOf {
  private RecordFactsOf() {}

  static RecordFacts match(String owner, RecordMatch m, boolean originatorConsented) {
    return new RecordFacts(
        owner,
        m.originatorAgency() == null || m.originatorAgency().isBlank() ? owner : m.originatorAgency(),
        m.category(),
        m.crimeCategories(),
        m.fields(),
        m.caveats(),
        originatorConsented);
  }
}
