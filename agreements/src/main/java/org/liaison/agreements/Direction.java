package org.liaison.agreements;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.vocabulary.CrimeCategory;
import org.liaison.wire.vocabulary.RecordCategory;
import org.liaison.wire.vocabulary.Vocabulary;

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
        || Vocabulary.officerRole(role).map(Enum::name).filter(roles::contains).isPresent();
  }

  /**
   * The one check of who may ask and why, in one order: first the officer's role (need to know),
   * then the purpose; empty when both are permitted.
   */
  public Optional<ScopeRefusal> refusal(String agreementId, String purpose, String role) {
    if (!permitsRole(role)) {
      return Optional.of(
          new ScopeRefusal(
              Reason.ROLE_NOT_PERMITTED,
              clause() + ".roles",
              "The role '"
                  + (role == null ? "" : role)
                  + "' may not ask under "
                  + agreementId
                  + " (need to know: "
                  + String.join(", ", new TreeSet<>(roles))
                  + ")."));
    }
    Optional<CrimeCategory> p = Vocabulary.purpose(purpose);
    if (p.isEmpty() || !purposes.contains(p.get())) {
      return Optional.of(
          new ScopeRefusal(
              Reason.PURPOSE_NOT_PERMITTED,
              purposesClause,
              "The purpose "
                  + (purpose == null || purpose.isBlank() ? "(none given)" : purpose)
                  + " is not permitted by "
                  + agreementId
                  + " (permitted: "
                  + String.join(", ", purposes.stream().map(Enum::name).sorted().toList())
                  + ")."));
    }
    return Optional.empty();
  }
}
