package org.liaison.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.liaison.agreements.Agreement;
import org.liaison.agreements.AgreementStatus;
import org.liaison.agreements.Direction;
import org.liaison.agreements.OnwardRule;
import org.liaison.agreements.RecordTerms;
import org.liaison.agreements.ScopeRefusal;
import org.liaison.policy.Decision.Outcome;
import org.liaison.wire.v1.Reason;
import org.liaison.wire.v1.Tier;
import org.liaison.wire.vocabulary.CrimeCategory;
import org.liaison.wire.vocabulary.RecordCategory;
import org.liaison.wire.vocabulary.Vocabulary;

/**
 * The policy decision, a pure function of its request: no I/O, no clock, no state. Denial is the
 * default; a record is allowed only by an agreement in force between the owner and the requester
 * whose direction (owner to requester) permits the officer's role, the purpose, one of the case's
 * crime categories and the record category, at the lower of the agreement's tier and the tier
 * asked. A record from a third party also needs the originator's consent or an onward rule of the
 * agreement between originator and owner that names the requester; otherwise it is WITHHELD. When
 * several agreements allow, the highest tier (then the most fields) wins; when none does, the
 * refusal of the agreement that came closest is returned.
 */
public final class PolicyEngine {
  private PolicyEngine() {}

  public static Decision decide(PolicyRequest req) {
    RecordFacts rec = req.record();
    String owner = rec.ownerAgency();
    String requester = req.requestingAgency();
    List<Check> checks = new ArrayList<>();
    List<AgreementStatus> candidates =
        req.agreements().stream()
            .filter(s -> s.between(owner, requester))
            .sorted(Comparator.comparing(AgreementStatus::id))
            .toList();
    if (candidates.isEmpty()) {
      String s =
          owner + " has no agreement with " + requester + ", so nothing may be disclosed to it.";
      checks.add(new Check("(none)", "", false, s));
      return deny("", "", Reason.NO_AGREEMENT, s, checks);
    }
    Decision best = null;
    int bestDepth = -1;
    Decision bestDenial = null;
    for (AgreementStatus status : candidates) {
      Attempt a = evaluate(status, req, checks);
      if (a.decision.allowed()) {
        if (best == null || better(a.decision, best)) {
          best = a.decision;
        }
      } else if (a.depth > bestDepth) {
        bestDepth = a.depth;
        bestDenial = a.decision;
      }
    }
    Decision chosen = best != null ? best : bestDenial;
    return new Decision(
        chosen.outcome(),
        chosen.tier(),
        chosen.fields(),
        chosen.caveats(),
        chosen.agreementId(),
        chosen.clause(),
        chosen.reason(),
        chosen.sentence(),
        chosen.consentFrom(),
        checks);
  }

  private static boolean better(Decision a, Decision b) {
    if (a.tier().getNumber() != b.tier().getNumber()) {
      return a.tier().getNumber() > b.tier().getNumber();
    }
    return a.fields().size() > b.fields().size();
  }

  private record Attempt(Decision decision, int depth) {}

  private static Attempt evaluate(AgreementStatus status, PolicyRequest req, List<Check> checks) {
    String id = status.id();
    RecordFacts rec = req.record();
    if (!status.inForce()) {
      checks.add(new Check(id, statusClause(status), false, status.sentence()));
      return new Attempt(
          deny(id, statusClause(status), status.reason(), status.sentence(), List.of()), 0);
    }
    checks.add(new Check(id, "", true, "in force"));
    Agreement ag = status.agreement().orElseThrow();
    Optional<Direction> od = ag.direction(rec.ownerAgency(), req.requestingAgency());
    String dirClause = "directions[" + rec.ownerAgency() + "->" + req.requestingAgency() + "]";
    if (od.isEmpty()) {
      String s =
          id
              + " has no terms for information flowing from "
              + rec.ownerAgency()
              + " to "
              + req.requestingAgency()
              + ".";
      return fail(id, dirClause, Reason.RECORD_CATEGORY_NOT_SHARED, s, checks, 1);
    }
    Direction d = od.get();
    Optional<ScopeRefusal> scope = d.refusal(id, req.purpose(), req.officerRole());
    if (scope.isPresent()) {
      ScopeRefusal r = scope.get();
      boolean roleRefused = r.reason() == Reason.ROLE_NOT_PERMITTED;
      if (!roleRefused) {
        checks.add(
            new Check(id, d.clause() + ".roles", true, "role '" + req.officerRole() + "' may ask"));
      }
      return fail(id, r.clause(), r.reason(), r.sentence(), checks, roleRefused ? 2 : 3);
    }
    checks.add(
        new Check(id, d.clause() + ".roles", true, "role '" + req.officerRole() + "' may ask"));
    CrimeCategory purpose = Vocabulary.purpose(req.purpose()).orElseThrow();
    checks.add(new Check(id, d.purposesClause(), true, "purpose " + purpose + " permitted"));
    Optional<CrimeCategory> crime =
        rec.crimeCategories().stream()
            .map(Vocabulary::crimeCategory)
            .flatMap(Optional::stream)
            .filter(d.crimeCategories()::contains)
            .findFirst();
    if (crime.isEmpty()) {
      String s =
          "The record's case ("
              + (rec.crimeCategories().isEmpty()
                  ? "no crime category"
                  : String.join(", ", new java.util.TreeSet<>(rec.crimeCategories())))
              + ") is outside the crime categories of "
              + id
              + " ("
              + sorted(d.crimeCategories())
              + ").";
      return fail(id, d.crimeCategoriesClause(), Reason.CRIME_CATEGORY_NOT_PERMITTED, s, checks, 4);
    }
    checks.add(
        new Check(
            id, d.crimeCategoriesClause(), true, "crime category " + crime.get() + " covered"));
    Optional<RecordCategory> cat = Vocabulary.recordCategory(rec.recordCategory());
    Optional<RecordTerms> terms = cat.flatMap(d::terms);
    if (terms.isEmpty()) {
      String s =
          "Records of category "
              + rec.recordCategory()
              + " are not shared from "
              + d.from()
              + " to "
              + d.to()
              + " under "
              + id
              + ".";
      return fail(id, d.clause() + ".records", Reason.RECORD_CATEGORY_NOT_SHARED, s, checks, 5);
    }
    String recClause = d.clause() + ".records[" + cat.get() + "]";
    Tier tier =
        terms.get().tier().getNumber() <= req.requestedTier().getNumber()
            ? terms.get().tier()
            : req.requestedTier();
    Set<String> fields =
        switch (tier) {
          case SUMMARY -> intersect(terms.get().fields(), rec.fields().keySet());
          case FULL -> rec.fields().keySet();
          default -> Set.of();
        };
    checks.add(
        new Check(
            id,
            recClause + ".tier",
            true,
            cat.get()
                + " shared at tier "
                + terms.get().tier()
                + (tier != terms.get().tier() ? " (lowered to " + tier + " as asked)" : "")));
    if (req.field().isPresent()) {
      String f = req.field().get();
      if (!fields.contains(f)) {
        String s =
            "The field '"
                + f
                + "' of a "
                + cat.get()
                + " record may not leave under "
                + id
                + " at tier "
                + tier
                + ".";
        return fail(id, recClause + ".fields", Reason.RECORD_CATEGORY_NOT_SHARED, s, checks, 6);
      }
      fields = Set.of(f);
      checks.add(new Check(id, recClause + ".fields", true, "field '" + f + "' may leave"));
    }
    Set<String> caveats = new LinkedHashSet<>(rec.caveats());
    d.onwardRule(cat.get()).ifPresent(r -> caveats.addAll(r.caveats()));
    if (rec.fromThirdParty()) {
      Optional<Decision> withheld = originatorControl(id, req, cat.get(), caveats, checks);
      if (withheld.isPresent()) {
        return new Attempt(withheld.get(), 7);
      }
    }
    String s =
        "Allowed under "
            + id
            + ": "
            + cat.get()
            + " at tier "
            + tier
            + " for purpose "
            + purpose
            + ".";
    return new Attempt(
        new Decision(
            Outcome.ALLOW,
            tier,
            fields,
            List.copyOf(caveats),
            id,
            recClause,
            Reason.REASON_UNSPECIFIED,
            s,
            Optional.empty(),
            List.of()),
        8);
  }

  /**
   * The third-party rule: empty when onward disclosure is allowed, otherwise the WITHHELD decision.
   */
  private static Optional<Decision> originatorControl(
      String id, PolicyRequest req, RecordCategory cat, Set<String> caveats, List<Check> checks) {
    RecordFacts rec = req.record();
    String originator = rec.originatorAgency();
    String owner = rec.ownerAgency();
    String ruleAgreement = "";
    String ruleClause = "";
    for (AgreementStatus s : req.agreements()) {
      if (!s.inForce() || !s.between(originator, owner)) {
        continue;
      }
      Optional<Direction> od = s.agreement().orElseThrow().direction(originator, owner);
      if (od.isEmpty()) {
        continue;
      }
      Direction d = od.get();
      ruleAgreement = s.id();
      ruleClause = d.clause() + ".onward" + (d.onwardRule(cat).isPresent() ? "[" + cat + "]" : "");
      Optional<OnwardRule> rule = d.onwardRule(cat);
      if (rule.isPresent()) {
        caveats.addAll(rule.get().caveats());
        if (rule.get().permits(req.requestingAgency())) {
          checks.add(
              new Check(
                  s.id(),
                  ruleClause,
                  true,
                  originator
                      + " allows onward disclosure of "
                      + cat
                      + " to "
                      + req.requestingAgency()));
          return Optional.empty();
        }
      }
    }
    if (rec.originatorConsented()) {
      checks.add(
          new Check(
              ruleAgreement.isEmpty() ? id : ruleAgreement,
              ruleClause,
              true,
              originator + " consented to this onward disclosure"));
      return Optional.empty();
    }
    String agreementId = ruleAgreement.isEmpty() ? id : ruleAgreement;
    String sentence =
        "This "
            + cat
            + " record came from "
            + originator
            + "; "
            + owner
            + " may pass it on to "
            + req.requestingAgency()
            + " only with "
            + originator
            + "'s consent"
            + (ruleAgreement.isEmpty()
                ? " (no agreement in force between them allows it)"
                : " (" + ruleAgreement + " does not allow it)")
            + ". Ask "
            + originator
            + " for consent.";
    checks.add(new Check(agreementId, ruleClause, false, sentence));
    return Optional.of(
        new Decision(
            Outcome.WITHHELD,
            Tier.TIER_UNSPECIFIED,
            Set.of(),
            List.of(),
            agreementId,
            ruleClause,
            Reason.ORIGINATOR_CONSENT_REQUIRED,
            sentence,
            Optional.of(originator),
            List.of()));
  }

  private static Attempt fail(
      String id, String clause, Reason reason, String sentence, List<Check> checks, int depth) {
    checks.add(new Check(id, clause, false, sentence));
    return new Attempt(deny(id, clause, reason, sentence, List.of()), depth);
  }

  private static Decision deny(
      String id, String clause, Reason reason, String sentence, List<Check> checks) {
    return new Decision(
        Outcome.DENY,
        Tier.TIER_UNSPECIFIED,
        Set.of(),
        List.of(),
        id,
        clause,
        reason,
        sentence,
        Optional.empty(),
        checks);
  }

  private static String statusClause(AgreementStatus s) {
    return switch (s.state()) {
      case EXPIRED -> "end";
      case NOT_YET_IN_FORCE -> "start";
      case UNSIGNED -> "parties";
      case SUSPENDED, TERMINATED -> "(status)";
      default -> "(document)";
    };
  }

  private static Set<String> intersect(Set<String> a, Set<String> b) {
    Set<String> out = new LinkedHashSet<>(a);
    out.retainAll(b);
    return out;
  }

  private static String sorted(Set<? extends Enum<?>> values) {
    return String.join(", ", values.stream().map(Enum::name).sorted().toList());
  }
}
