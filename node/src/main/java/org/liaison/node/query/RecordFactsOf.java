package org.liaison.node.query;

import java.util.Map;
import java.util.TreeMap;
import org.liaison.node.search.RecordMatch;
import org.liaison.policy.RecordFacts;

/** The facts of a stored record that the policy engine decides on. */
final class RecordFactsOf {
  private RecordFactsOf() {}

  static RecordFacts match(String owner, RecordMatch m, boolean originatorConsented) {
    return new RecordFacts(
        owner,
        m.originatorAgency() == null || m.originatorAgency().isBlank()
            ? owner
            : m.originatorAgency(),
        m.category(),
        m.crimeCategories(),
        fields(m),
        m.caveats(),
        originatorConsented);
  }

  /**
   * The record's own fields plus the facts of its subject and case that agreements list by name
   * ({@code name}, {@code crime_categories}, {@code case_status}); the agreement decides which
   * leave.
   */
  static Map<String, String> fields(RecordMatch m) {
    Map<String, String> all = new TreeMap<>(m.fields());
    if (m.subject() != null && !m.subject().isBlank()) {
      all.putIfAbsent("name", m.subject());
    }
    all.putIfAbsent("crime_categories", String.join(",", m.crimeCategories()));
    if (m.caseStatus() != null) {
      all.putIfAbsent("case_status", m.caseStatus());
    }
    if (m.body() != null && !m.body().isBlank()) {
      all.putIfAbsent("body", m.body());
    }
    return all;
  }
}
