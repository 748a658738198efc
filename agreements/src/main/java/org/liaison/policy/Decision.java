package org.liaison.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Tier;

/**
 * The answer of the policy engine. ALLOW carries the tier, the fields that may leave and the
 * caveats that travel; DENY and WITHHELD carry the agreement, the clause (a path into its YAML,
 * e.g. {@code directions[us.ice->ru.skr].purposes}), a reason code and a sentence. WITHHELD means
 * everything else allowed it but the originator's consent is needed ({@link #consentFrom()}).
 * {@link #checks()} lists every clause examined, for {@link #explain()} and the audit log.
 */
public record Decision(
    Outcome outcome,
    Tier tier,
    Set<String> fields,
    List<String> caveats,
    String agreementId,
    String clause,
    Reason reason,
    String sentence,
    Optional<String> consentFrom,
    List<Check> checks) {

  public enum Outcome {
    ALLOW,
    DENY,
    WITHHELD
  }

  public Decision {
    fields = Set.copyOf(fields);
    caveats = List.copyOf(caveats);
    checks = List.copyOf(checks);
  }

  public boolean allowed() {
    return outcome == Outcome.ALLOW;
  }

  /** A readable account of the decision and of every clause checked. */
  public String explain() {
    StringBuilder sb = new StringBuilder();
    switch (outcome) {
      case ALLOW ->
          sb.append("ALLOWED at tier ")
              .append(tier)
              .append(" under ")
              .append(agreementId)
              .append(" (")
              .append(clause)
              .append(")");
      case DENY ->
          sb.append("DENIED (")
              .append(reason)
              .append(")")
              .append(agreementId.isEmpty() ? "" : " under " + agreementId + ", clause " + clause);
      case WITHHELD ->
          sb.append("WITHHELD (")
              .append(reason)
              .append(") under ")
              .append(agreementId)
              .append(", clause ")
              .append(clause);
    }
    sb.append("\n  ").append(sentence).append('\n');
    if (outcome == Outcome.ALLOW) {
      sb.append("  fields that may leave: ")
          .append(fields.isEmpty() ? "(none)" : String.join(", ", new java.util.TreeSet<>(fields)))
          .append('\n');
      sb.append("  caveats that travel: ")
          .append(caveats.isEmpty() ? "(none)" : String.join(", ", caveats))
          .append('\n');
    }
    sb.append("clauses checked:\n");
    for (Check c : checks) {
      sb.append("  ").append(c).append('\n');
    }
    return sb.toString();
  }

  /** Cuts a record down to what this decision lets leave. */
  public DisclosedView applyTo(RecordFacts record) {
    if (outcome == Outcome.WITHHELD) {
      return new DisclosedView(
          false,
          true,
          Tier.TIER_UNSPECIFIED,
          agreementId,
          record.ownerAgency(),
          record.originatorAgency(),
          record.recordCategory(),
          Map.of(),
          List.of(),
          sentence);
    }
    if (outcome == Outcome.DENY) {
      return new DisclosedView(
          false,
          false,
          Tier.TIER_UNSPECIFIED,
          agreementId,
          record.ownerAgency(),
          "",
          "",
          Map.of(),
          List.of(),
          sentence);
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (tier == Tier.SUMMARY || tier == Tier.FULL) {
      record
          .fields()
          .forEach(
              (k, v) -> {
                if (fields.contains(k)) {
                  out.put(k, v);
                }
              });
    }
    boolean categoryVisible = tier != Tier.HIT;
    return new DisclosedView(
        true,
        false,
        tier,
        agreementId,
        record.ownerAgency(),
        categoryVisible && record.fromThirdParty() ? record.originatorAgency() : "",
        categoryVisible ? record.recordCategory() : "",
        out,
        caveats,
        sentence);
  }
}
