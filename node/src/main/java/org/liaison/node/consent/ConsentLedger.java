package org.liaison.node.consent;

import java.util.List;

/** Whether an originator has consented to the onward disclosure of one record to one agency. */
public interface ConsentLedger {
  boolean granted(String recordId, String requestingAgency);

  /**
   * The caveats the originator's grant attached (its conditions, {@link
   * org.liaison.wire.text.GrantConditions}), to travel with every disclosure of the record to the
   * agency; empty when there is no grant or it had no conditions.
   */
  default List<String> grantCaveats(String recordId, String requestingAgency) {
    return List.of();
  }
}
