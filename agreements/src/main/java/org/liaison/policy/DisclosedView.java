package org.liaison.policy;

import java.util.List;
import java.util.Map;
import org.liaison.wire.v1.Tier;

/**
 * What of a record may actually leave, after a decision: at HIT only that the owner holds
 * something; at POINTER also the category (the node adds case reference and point of contact); at
 * SUMMARY the listed fields; at FULL every field. A withheld record says so and names the
 * originator whose consent is needed; a denied one discloses nothing.
 */
public record DisclosedView(
    boolean disclosed,
    boolean withheld,
    Tier tier,
    String agreementId,
    String ownerAgency,
    String originatorAgency,
    String recordCategory,
    Map<String, String> fields,
    List<String> caveats,
    String sentence) {

  public DisclosedView {
    fields = Map.copyOf(fields);
    caveats = List.copyOf(caveats);
  }
}
