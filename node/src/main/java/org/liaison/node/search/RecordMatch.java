package org.liaison.node.search;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.liaison.node.identifiers.NameMatch.Confidence;

/**
 * A record that matched a query, with everything a disclosure at any tier may need; the policy
 * decides what of it leaves.
 *
 * @param recordId the record's stable id (its external id)
 * @param caseNumber the case the record belongs to
 * @param caseStatus ACTIVE or CLOSED
 * @param contact the case agent (agency is the case's, i.e. the owner)
 * @param category record category, e.g. "ROI", "PNR"
 * @param crimeCategories crime categories of the case, e.g. "DRUG_TRAFFICKING"
 * @param originatorAgency who the information came from (third-party rule)
 * @param subject display name of the subject that matched
 * @param fields structured fields of the record
 * @param body free text of the record, may be null
 * @param caveats "TLP:AMBER", "H2", and for H3 "H3 conditions: ..."
 * @param evaluation 4x4 code, e.g. "B2"
 * @param retentionDate when the record must be deleted, may be null
 * @param rule how it matched: "EXACT" for identifiers, name rules like "NAME_PHONETIC+DOB"
 * @param confidence HIGH for identifier matches; the name matcher's grade for persons
 */
public record RecordMatch(
    String recordId,
    String caseNumber,
    String caseStatus,
    Contact contact,
    String category,
    Set<String> crimeCategories,
    String originatorAgency,
    String subject,
    Map<String, String> fields,
    String body,
    List<String> caveats,
    String evaluation,
    LocalDate retentionDate,
    String rule,
    Confidence confidence) {

  public RecordMatch {
    crimeCategories = Collections.unmodifiableSortedSet(new TreeSet<>(crimeCategories));
    fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    caveats = List.copyOf(caveats);
  }
}
