package org.liaison.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.liaison.agreements.Agreement;
import org.liaison.agreements.AgreementStatus;
import org.liaison.agreements.AgreementStore;
import org.liaison.agreements.Direction;
import org.liaison.agreements.RecordTerms;
import org.liaison.agreements.ReferenceAgreements;
import org.liaison.agreements.TestFederation;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;
import org.liaison.wire.v1.Tier;
import org.liaison.wire.vocabulary.CrimeCategory;
import org.liaison.wire.vocabulary.RecordCategory;
import org.liaison.wire.vocabulary.Vocabulary;

/**
 * Properties of the policy engine and of signed agreements, over the signed reference agreements.
 */
class PolicyEnginePropertiesTest {
  /** The agencies of the reference federation, whose agreements these properties run over. */
  static final List<String> AGENCIES =
      DevPki.referenceFederation().stream().map(AgencySpec::agency).toList();

  static final List<String> FIELDS =
      List.of(
          "name",
          "name_latin",
          "date_of_birth",
          "nationality",
          "crime_categories",
          "case_status",
          "phone",
          "address",
          "summary",
          "flight",
          "identifiers",
          "informant",
          "booking_reference");

  static Path signedDir;
  static List<AgreementStatus> all;

  /** For each agreement id: the statuses with that agreement's signatures gone. */
  static Map<String, List<AgreementStatus>> unsigned = new HashMap<>();

  @BeforeContainer
  static void setUp() throws IOException {
    signedDir = TestFederation.freshAgreements();
    all = new AgreementStore(signedDir).all();
    for (String id : ReferenceAgreements.IDS) {
      Path copy = Files.createTempDirectory("unsigned-" + id);
      try (Stream<Path> files = Files.list(signedDir)) {
        for (Path f : files.toList()) {
          String n = f.getFileName().toString();
          boolean signatureOfId = n.startsWith(id + ".") && n.endsWith(".p7s");
          if (!signatureOfId) {
            Files.copy(f, copy.resolve(n));
          }
        }
      }
      unsigned.put(id, new AgreementStore(copy).all());
    }
  }

  @Provide
  Arbitrary<PolicyRequest> requests() {
    Arbitrary<String> agency = Arbitraries.of(AGENCIES);
    Arbitrary<String> role =
        Arbitraries.of("CASE_AGENT", "ANALYST", "INVESTIGATOR", "SUPERVISOR", "");
    Arbitrary<String> purpose =
        Arbitraries.of(
            Stream.concat(Vocabulary.codes(CrimeCategory.class).stream(), Stream.of("BOGUS", ""))
                .toList());
    Arbitrary<String> category =
        Arbitraries.of(
            Stream.concat(Vocabulary.codes(RecordCategory.class).stream(), Stream.of("BOGUS"))
                .toList());
    Arbitrary<Set<String>> crimes =
        Arbitraries.of(Vocabulary.codes(CrimeCategory.class).stream().toList()).set().ofMaxSize(3);
    Arbitrary<Map<String, String>> fields =
        Arbitraries.of(FIELDS)
            .set()
            .ofMaxSize(FIELDS.size())
            .map(
                s -> {
                  Map<String, String> m = new LinkedHashMap<>();
                  s.forEach(k -> m.put(k, "v-" + k));
                  return m;
                });
    Arbitrary<Tier> tier = Arbitraries.of(Tier.HIT, Tier.POINTER, Tier.SUMMARY, Tier.FULL);
    Arbitrary<Optional<String>> field = Arbitraries.of(FIELDS).optional(0.3);
    // most requests are between parties of a direction, with a purpose and crime category it names
    Arbitrary<Direction> direction =
        Arbitraries.of(
            all.stream().flatMap(x -> x.agreement().orElseThrow().directions().stream()).toList());
    Arbitrary<String> likelyPurpose =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, purpose),
            net.jqwik.api.Tuple.of(
                3,
                Arbitraries.of(
                    "HUMAN_SMUGGLING",
                    "DRUG_TRAFFICKING",
                    "INTERNATIONAL_ORGANIZED_CRIME",
                    "NARCOTICS",
                    "BORDER_ENFORCEMENT",
                    "FIREARMS_TRAFFICKING")));
    Arbitrary<Set<String>> likelyCrimes =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, crimes),
            net.jqwik.api.Tuple.of(3, likelyPurpose.map(Set::of)));
    Arbitrary<String> likelyCategory =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(1, category),
            net.jqwik.api.Tuple.of(
                3,
                Arbitraries.of(
                    "ROI", "CASE_SUMMARY", "SUBJECT_PROFILE", "PNR", "INTERDICTION", "SEIZURE")));
    Arbitrary<String[]> pair =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                1, Combinators.combine(agency, agency).as((a, b) -> new String[] {a, b})),
            net.jqwik.api.Tuple.of(4, direction.map(d -> new String[] {d.from(), d.to()})));
    Arbitrary<RecordFacts> facts =
        Combinators.combine(
                agency,
                likelyCategory,
                likelyCrimes,
                fields,
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as(
                (other, cat, cr, f, third, consent) ->
                    new RecordFacts(
                        "?", third ? other : "?", cat, cr, f, List.of("TLP:GREEN"), consent));
    return Combinators.combine(pair, role, likelyPurpose, facts, tier, field)
        .as(
            (p2, r, p, fa, t, fi) ->
                new PolicyRequest(
                    all,
                    p2[1],
                    r,
                    p,
                    "case-1",
                    new RecordFacts(
                        p2[0],
                        fa.originatorAgency().equals("?") ? p2[0] : fa.originatorAgency(),
                        fa.recordCategory(),
                        fa.crimeCategories(),
                        fa.fields(),
                        fa.caveats(),
                        fa.originatorConsented()),
                    fi,
                    t));
  }

  @Property(tries = 2000)
  void decide_neverAllowsMoreThanTheAgreementsInForce(@ForAll("requests") PolicyRequest req) {
    Decision d = PolicyEngine.decide(req);
    net.jqwik.api.statistics.Statistics.label("outcome")
        .collect(d.outcome())
        .coverage(
            c -> {
              c.check(Decision.Outcome.ALLOW).percentage(p -> p >= 1.0);
              c.check(Decision.Outcome.WITHHELD).count(n -> n > 0);
            });
    if (!d.allowed()) {
      assertThat(d.fields()).isEmpty();
      assertThat(d.applyTo(req.record()).fields()).isEmpty();
      return;
    }
    RecordFacts rec = req.record();
    AgreementStatus s =
        req.agreements().stream()
            .filter(x -> x.id().equals(d.agreementId()))
            .findFirst()
            .orElseThrow();
    assertThat(s.inForce()).isTrue();
    Agreement a = s.agreement().orElseThrow();
    Direction dir = a.direction(rec.ownerAgency(), req.requestingAgency()).orElseThrow();
    assertThat(dir.purposes()).contains(Vocabulary.crimeCategory(req.purpose()).orElseThrow());
    assertThat(dir.permitsRole(req.officerRole())).isTrue();
    RecordTerms terms =
        dir.terms(Vocabulary.recordCategory(rec.recordCategory()).orElseThrow()).orElseThrow();
    assertThat(d.tier().getNumber())
        .isLessThanOrEqualTo(terms.tier().getNumber())
        .isLessThanOrEqualTo(req.requestedTier().getNumber());
    Set<String> allowedFields =
        switch (d.tier()) {
          case SUMMARY -> terms.fields();
          case FULL -> rec.fields().keySet();
          default -> Set.of();
        };
    assertThat(allowedFields).containsAll(d.fields());
    DisclosedView v = d.applyTo(rec);
    assertThat(allowedFields).containsAll(v.fields().keySet());
    req.field().ifPresent(f -> assertThat(d.fields()).containsExactly(f));
    if (rec.fromThirdParty() && !rec.originatorConsented()) {
      assertThat(
              req.agreements().stream()
                  .filter(AgreementStatus::inForce)
                  .flatMap(
                      x ->
                          x
                              .agreement()
                              .orElseThrow()
                              .direction(rec.originatorAgency(), rec.ownerAgency())
                              .stream())
                  .flatMap(
                      x ->
                          x
                              .onwardRule(
                                  Vocabulary.recordCategory(rec.recordCategory()).orElseThrow())
                              .stream())
                  .anyMatch(r -> r.permits(req.requestingAgency())))
          .isTrue();
    }
  }

  @Property(tries = 1000)
  void decide_removingAnAgreementNeverWidens(
      @ForAll("requests") PolicyRequest req, @ForAll @IntRange(min = 0, max = 127) int mask) {
    List<AgreementStatus> fewer = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if ((mask & (1 << i)) == 0) {
        fewer.add(all.get(i));
      }
    }
    assertNotWider(PolicyEngine.decide(req), PolicyEngine.decide(req.withAgreements(fewer)));
  }

  @Property(tries = 1000)
  void decide_removingASignatureNeverWidens(
      @ForAll("requests") PolicyRequest req, @ForAll("ids") String id) {
    List<AgreementStatus> statuses = unsigned.get(id);
    assertThat(statuses.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().inForce())
        .isFalse();
    assertNotWider(PolicyEngine.decide(req), PolicyEngine.decide(req.withAgreements(statuses)));
  }

  @Property(tries = 40)
  void store_tamperingWithASignedFileTakesItOutOfForce(
      @ForAll("ids") String id,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor)
      throws IOException {
    Path dir = Files.createTempDirectory("tamper");
    try (Stream<Path> files = Files.list(signedDir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(id + ".")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    Path yaml = dir.resolve(id + ".yaml");
    byte[] bytes = Files.readAllBytes(yaml);
    bytes[position % bytes.length] ^= (byte) xor;
    Files.write(yaml, bytes);
    AgreementStore store = new AgreementStore(dir);
    assertThat(store.statusOf(id).orElseThrow().inForce()).isFalse();
    assertThat(store.all().stream().filter(AgreementStatus::inForce)).isEmpty();
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.of(ReferenceAgreements.IDS);
  }

  private static void assertNotWider(Decision full, Decision reduced) {
    if (reduced.allowed()) {
      assertThat(full.allowed()).as(full.explain() + "\nvs\n" + reduced.explain()).isTrue();
      assertThat(reduced.tier().getNumber()).isLessThanOrEqualTo(full.tier().getNumber());
    }
  }
}
