package org.liaison.agreements;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.liaison.wire.vocabulary.CrimeCategory;
import org.liaison.wire.vocabulary.RecordCategory;

/**
 * The terms for information flowing from one party ({@code from}, the holder that answers) to
 * another ({@code to}, the requester). A to B may differ from B to A.
 *
 * @param purposes purposes the requester may ask for (the direction's own list, or the agreement's)
 * @param purposesClause where {@code purposes} came from in the YAML, for explanations
 * @param crimeCategories crime categories of the cases records may come from
 * @param crimeCategoriesClause where {@code crimeCategories} came from in the YAML
 * @param roles officer roles of the requester that may ask (need to know); {@code "*"}: any role
 * @param records shared record categories and their tier
 * @param onward what {@code to} may pass on of what it receives from {@code from}
 */
public record Direction(
    String from,
    String to,
    Set<CrimeCategory> purposes,
    String purposesClause,
    Set<CrimeCategory> crimeCategories,
    String crimeCategoriesClause,
    Set<String> roles,
    Map<RecordCategory, RecordTerms> records,
    Map<RecordCategory, OnwardRule> onward) {

  public static final String ANY_ROLE = "*";

  public Direction {
    purposes = Set.copyOf(purposes);
    crimeCategories = Set.copyOf(crimeCategories);
    roles = Set.copyOf(roles);
    records = Map.copyOf(records);
    onward = Map.copyOf(onward);
  }

  /** The clause path of this direction, e.g. {@code directions[us.ice->ru.skr]}. */
  public String clause() {
    return "directions[" + from + "->" + to + "]";
  }

  public Optional<RecordTerms> terms(RecordCategory category) {
    return Optional.ofNullable(records.get(category));
  }

  public Optional<OnwardRule> onwardRule(RecordCategory category) {
    return Optional.ofNullable(onward.get(category));
  }

  public boolean permitsRole(String role) {
    return roles.contains(ANY_ROLE)
        || (role != null && roles.contains(role.strip().toUpperCase(java.util.Locale.ROOT)));
  }
}
