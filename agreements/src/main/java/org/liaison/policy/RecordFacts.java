package org.liaison.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the policy engine needs to know about one record the answering agency holds.
 *
 * @param ownerAgency the answering agency that holds the record
 * @param originatorAgency the agency the information came from; equal to the owner (or blank) for
 *     the owner's own records
 * @param recordCategory a {@link org.liaison.wire.vocabulary.RecordCategory} code, e.g. {@code PNR}
 * @param crimeCategories {@link org.liaison.wire.vocabulary.CrimeCategory} codes of the record's
 *     case
 * @param fields the record's structured fields
 * @param caveats handling caveats the record already carries (TLP labels, H0-H3)
 * @param originatorConsented true when the originator consented to this onward disclosure
 */
public record RecordFacts(
    String ownerAgency,
    String originatorAgency,
    String recordCategory,
    Set<String> crimeCategories,
    Map<String, String> fields,
    List<String> caveats,
    boolean originatorConsented) {

  public RecordFacts {
    originatorAgency = originatorAgency == null ? "" : originatorAgency;
    crimeCategories = Set.copyOf(crimeCategories);
    fields = Map.copyOf(fields);
    caveats = List.copyOf(caveats);
  }

  /** The owner's own record (no third-party originator). */
  public static RecordFacts own(
      String owner, String category, Set<String> crimeCategories, Map<String, String> fields) {
    return new RecordFacts(owner, owner, category, crimeCategories, fields, List.of(), false);
  }

  /** True when the record came from another agency (third-party rule applies). */
  public boolean fromThirdParty() {
    return !originatorAgency.isBlank() && !originatorAgency.equals(ownerAgency);
  }

  public RecordFacts withConsent(boolean consented) {
    return new RecordFacts(
        ownerAgency, originatorAgency, recordCategory, crimeCategories, fields, caveats, consented);
  }
}
