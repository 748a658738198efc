package org.liaison.agreements;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.liaison.agreements.Terms.Deconfliction;
import org.liaison.agreements.Terms.Feedback;
import org.liaison.agreements.Terms.RateLimits;
import org.liaison.agreements.Terms.ServiceLevels;
import org.liaison.wire.v1.Tier;
import org.liaison.wire.vocabulary.CrimeCategory;
import org.liaison.wire.vocabulary.OfficerRole;
import org.liaison.wire.vocabulary.RecordCategory;
import org.liaison.wire.vocabulary.Vocabulary;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses and validates an agreement document (schema: docs/agreements.md). Uses snakeyaml's node
 * API only (no object construction), so every error carries the line and field it is about.
 */
public final class AgreementParser {
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
  static final Set<Tier> TIERS = Set.of(Tier.HIT, Tier.POINTER, Tier.SUMMARY, Tier.FULL);

  private static final Set<String> TOP =
      Set.of(
          "id",
          "version",
          "title",
          "parties",
          "start",
          "end",
          "purposes",
          "crime_categories",
          "directions",
          "rate_limits",
          "deconfliction",
          "feedback",
          "service_levels");
  private static final Set<String> PARTY = Set.of("agency", "name", "ca_sha256");
  private static final Set<String> DIRECTION =
      Set.of("from", "to", "purposes", "crime_categories", "roles", "records", "onward");
  private static final Set<String> RECORD = Set.of("category", "tier", "fields");
  private static final Set<String> ONWARD = Set.of("category", "to", "caveats");

  private AgreementParser() {}

  /** Parses the exact bytes of a document (UTF-8). */
  public static ParseResult parse(byte[] utf8) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(utf8))
              .toString();
    } catch (CharacterCodingException e) {
      return new ParseResult(
          Optional.empty(), List.of(new ValidationError(1, 1, "(document)", "is not UTF-8 text")));
    }
    return parse(text);
  }

  public static ParseResult parse(String text) {
    YamlFields y = new YamlFields();
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(10);
      options.setAllowDuplicateKeys(false);
      options.setCodePointLimit(1 << 20);
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = m == null ? 1 : m.getLine() + 1;
      int col = m == null ? 1 : m.getColumn() + 1;
      return new ParseResult(
          Optional.empty(),
          List.of(new ValidationError(line, col, "(syntax)", "not valid YAML: " + e.getProblem())));
    } catch (YAMLException e) {
      return new ParseResult(
          Optional.empty(),
          List.of(new ValidationError(1, 1, "(syntax)", "not valid YAML: " + e.getMessage())));
    }
    if (root == null) {
      return new ParseResult(
          Optional.empty(), List.of(new ValidationError(1, 1, "(document)", "is empty")));
    }
    Optional<Agreement> a = new Reader(y).agreement(root);
    return new ParseResult(y.errors().isEmpty() ? a : Optional.empty(), y.errors());
  }

  /** One pass over one document. */
  private static final class Reader {
    private final YamlFields y;
    private final AgreementTermsReader terms;

    Reader(YamlFields y) {
      this.y = y;
      this.terms = new AgreementTermsReader(y);
    }

    Optional<Agreement> agreement(Node root) {
      Optional<Map<String, Node>> mo = y.mapping(root, "", TOP);
      if (mo.isEmpty()) {
        return Optional.empty();
      }
      Map<String, Node> m = mo.get();
      Optional<String> id =
          y.checked(
              y.string(m, root, "", "id"),
              m.get("id"),
              "id",
              v -> ID.matcher(v).matches(),
              v -> "'" + v + "' must be lower-case letters, digits and '-'");
      Optional<Integer> version = y.required(m, root, "", "version", y.integerItem(1));
      String title =
          Optional.ofNullable(m.get("title")).flatMap(n -> y.scalar(n, "title")).orElse("");
      Optional<List<Party>> parties = parties(m, root);
      Optional<LocalDate> start = y.required(m, root, "", "start", y.dateItem());
      Optional<LocalDate> end = y.required(m, root, "", "end", y.dateItem());
      if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
        y.error(m.get("end"), "end", "is before start (" + start.get() + ")");
      }
      Optional<List<CrimeCategory>> purposes =
          y.required(m, root, "", "purposes")
              .flatMap(n -> y.nonEmptyList(n, "purposes", y.codeItem(CrimeCategory.class)));
      Optional<List<CrimeCategory>> crimes =
          y.required(m, root, "", "crime_categories")
              .flatMap(n -> y.nonEmptyList(n, "crime_categories", y.codeItem(CrimeCategory.class)));
      Set<String> partyIds = new HashSet<>();
      parties.ifPresent(ps -> ps.forEach(p -> partyIds.add(p.agency())));
      Optional<List<Direction>> directions =
          y.required(m, root, "", "directions")
              .flatMap(
                  n ->
                      y.nonEmptyList(
                          n,
                          "directions",
                          (dn, f) ->
                              direction(
                                  dn,
                                  f,
                                  partyIds,
                                  Set.copyOf(purposes.orElse(List.of())),
                                  Set.copyOf(crimes.orElse(List.of())))));
      directions.ifPresent(ds -> duplicateDirections(ds, m.get("directions")));
      Optional<RateLimits> rate = y.required(m, root, "", "rate_limits").flatMap(terms::rateLimits);
      Optional<Deconfliction> deconf =
          y.required(m, root, "", "deconfliction").flatMap(terms::deconfliction);
      Optional<Feedback> feedback = y.required(m, root, "", "feedback").flatMap(terms::feedback);
      Optional<ServiceLevels> sla =
          y.required(m, root, "", "service_levels").flatMap(terms::serviceLevels);
      if (!y.errors().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new Agreement(
              id.get(),
              version.get(),
              title,
              parties.get(),
              start.get(),
              end.get(),
              Set.copyOf(purposes.get()),
              Set.copyOf(crimes.get()),
              directions.get(),
              rate.get(),
              deconf.get(),
              feedback.get(),
              sla.get()));
    }

    private Optional<List<Party>> parties(Map<String, Node> m, Node root) {
      Optional<Node> pn = y.required(m, root, "", "parties");
      Optional<List<Party>> parties = pn.flatMap(n -> y.list(n, "parties", this::party));
      if (parties.isPresent()) {
        Set<String> seen = new HashSet<>();
        for (Party p : parties.get()) {
          if (!seen.add(p.agency())) {
            y.error(pn.get(), "parties", "names " + p.agency() + " twice");
          }
        }
        if (((org.yaml.snakeyaml.nodes.SequenceNode) pn.get()).getValue().size() < 2) {
          y.error(pn.get(), "parties", "must name at least two parties");
        }
      }
      return parties;
    }

    private Optional<Party> party(Node n, String f) {
      return y.mapping(n, f, PARTY)
          .flatMap(
              m -> {
                Optional<String> agency =
                    y.required(m, n, f, "agency").flatMap(v -> y.agency(v, f + ".agency"));
                String name =
                    Optional.ofNullable(m.get("name"))
                        .flatMap(v -> y.scalar(v, f + ".name"))
                        .orElse("");
                Optional<List<String>> cas =
                    y.required(m, n, f, "ca_sha256")
                        .flatMap(v -> fingerprints(v, f + ".ca_sha256"));
                if (agency.isEmpty() || cas.isEmpty()) {
                  return Optional.empty();
                }
                return Optional.of(new Party(agency.get(), name, cas.get()));
              });
    }

    /**
     * One fingerprint, or a list of them: a party pinned by more than one CA while it rotates its
     * CA (decision 0039). Every entry must be a SHA-256 fingerprint; none may repeat.
     */
    private Optional<List<String>> fingerprints(Node n, String f) {
      Optional<List<String>> raw =
          n instanceof org.yaml.snakeyaml.nodes.SequenceNode
              ? y.nonEmptyList(n, f, (item, itemField) -> fingerprint(item, itemField))
              : fingerprint(n, f).map(List::of);
      if (raw.isEmpty()) {
        return raw;
      }
      List<String> out = new ArrayList<>();
      for (String fp : raw.get()) {
        if (out.contains(fp)) {
          y.error(n, f, "names the fingerprint " + fp.substring(0, 16) + "... twice");
          return Optional.empty();
        }
        out.add(fp);
      }
      return Optional.of(List.copyOf(out));
    }

    private Optional<String> fingerprint(Node n, String f) {
      return y.checked(
              y.scalar(n, f),
              n,
              f,
              v -> SHA256_HEX.matcher(v).matches(),
              v ->
                  "'"
                      + v
                      + "' is not a SHA-256 fingerprint (64 hex digits of the CA certificate's DER)")
          .map(v -> v.toLowerCase(Locale.ROOT));
    }

    private Optional<Direction> direction(
        Node n,
        String f,
        Set<String> parties,
        Set<CrimeCategory> purposes,
        Set<CrimeCategory> crimes) {
      Optional<Map<String, Node>> mo = y.mapping(n, f, DIRECTION);
      if (mo.isEmpty()) {
        return Optional.empty();
      }
      Map<String, Node> m = mo.get();
      Optional<String> from =
          y.required(m, n, f, "from").flatMap(v -> party(v, f + ".from", parties));
      Optional<String> to = y.required(m, n, f, "to").flatMap(v -> party(v, f + ".to", parties));
      if (from.isPresent() && to.isPresent() && from.get().equals(to.get())) {
        y.error(m.get("to"), f + ".to", "must differ from 'from' (" + from.get() + ")");
      }
      String clause = "directions[" + from.orElse("?") + "->" + to.orElse("?") + "]";
      Set<CrimeCategory> dPurposes = purposes;
      String purposesClause = "purposes";
      if (m.containsKey("purposes")) {
        dPurposes = subset(m.get("purposes"), f + ".purposes", purposes, "purposes");
        purposesClause = clause + ".purposes";
      }
      Set<CrimeCategory> dCrimes = crimes;
      String crimesClause = "crime_categories";
      if (m.containsKey("crime_categories")) {
        dCrimes =
            subset(m.get("crime_categories"), f + ".crime_categories", crimes, "crime_categories");
        crimesClause = clause + ".crime_categories";
      }
      Optional<List<String>> roles =
          y.required(m, n, f, "roles").flatMap(v -> y.nonEmptyList(v, f + ".roles", this::role));
      Map<RecordCategory, RecordTerms> records = new LinkedHashMap<>();
      y.required(m, n, f, "records")
          .flatMap(v -> y.nonEmptyList(v, f + ".records", this::record))
          .ifPresent(
              l -> {
                for (int i = 0; i < l.size(); i++) {
                  if (records.putIfAbsent(l.get(i).category(), l.get(i)) != null) {
                    y.error(
                        m.get("records"),
                        f + ".records",
                        "lists " + l.get(i).category() + " twice");
                  }
                }
              });
      Map<RecordCategory, OnwardRule> onward = new LinkedHashMap<>();
      Optional.ofNullable(m.get("onward"))
          .flatMap(v -> y.list(v, f + ".onward", this::onward))
          .ifPresent(
              l -> {
                for (OnwardRule r : l) {
                  if (onward.putIfAbsent(r.category(), r) != null) {
                    y.error(m.get("onward"), f + ".onward", "lists " + r.category() + " twice");
                  }
                }
              });
      if (from.isEmpty() || to.isEmpty() || roles.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new Direction(
              from.get(),
              to.get(),
              dPurposes,
              purposesClause,
              dCrimes,
              crimesClause,
              Set.copyOf(roles.get()),
              records,
              onward));
    }

    /** {@code *} (any role) or an officer role's code exactly as the vocabulary spells it. */
    private Optional<String> role(Node n, String f) {
      return y.checked(
          y.scalar(n, f),
          n,
          f,
          r ->
              r.equals(Direction.ANY_ROLE)
                  || Vocabulary.officerRole(r).map(Enum::name).equals(Optional.of(r)),
          r ->
              "'"
                  + r
                  + "' is not an officer role; use * for any role or one of "
                  + String.join(", ", Vocabulary.codes(OfficerRole.class)));
    }

    private Set<CrimeCategory> subset(
        Node n, String f, Set<CrimeCategory> outer, String outerName) {
      List<CrimeCategory> l =
          y.nonEmptyList(n, f, y.codeItem(CrimeCategory.class)).orElse(List.of());
      for (CrimeCategory c : l) {
        if (!outer.isEmpty() && !outer.contains(c)) {
          y.error(n, f, c + " is not among the agreement's " + outerName);
        }
      }
      return Set.copyOf(l);
    }

    private Optional<String> party(Node n, String f, Set<String> parties) {
      return y.checked(
          y.agency(n, f),
          n,
          f,
          a -> parties.isEmpty() || parties.contains(a),
          a ->
              a
                  + " is not a party to this agreement (parties: "
                  + String.join(", ", parties)
                  + ")");
    }

    private Optional<RecordTerms> record(Node n, String f) {
      return y.mapping(n, f, RECORD)
          .flatMap(
              m -> {
                Optional<RecordCategory> cat =
                    y.required(m, n, f, "category", y.codeItem(RecordCategory.class));
                Optional<Tier> tier =
                    y.required(m, n, f, "tier")
                        .flatMap(
                            v ->
                                y.scalar(v, f + ".tier")
                                    .flatMap(
                                        s -> {
                                          for (Tier t : TIERS) {
                                            if (t.name().equalsIgnoreCase(s)) {
                                              return Optional.of(t);
                                            }
                                          }
                                          y.error(
                                              v,
                                              f + ".tier",
                                              "'"
                                                  + s
                                                  + "' is not one of HIT, POINTER, SUMMARY, FULL");
                                          return Optional.empty();
                                        }));
                List<String> fields = List.of();
                if (m.containsKey("fields")) {
                  fields = y.list(m.get("fields"), f + ".fields", y.stringItem()).orElse(List.of());
                  if (tier.isPresent() && tier.get() != Tier.SUMMARY) {
                    y.error(
                        m.get("fields"),
                        f + ".fields",
                        "only the SUMMARY tier lists fields (FULL discloses all, HIT and POINTER none)");
                  }
                } else if (tier.orElse(null) == Tier.SUMMARY) {
                  y.error(n, f + ".fields", "missing (required for the SUMMARY tier)");
                }
                if (cat.isEmpty() || tier.isEmpty()) {
                  return Optional.empty();
                }
                return Optional.of(new RecordTerms(cat.get(), tier.get(), Set.copyOf(fields)));
              });
    }

    private Optional<OnwardRule> onward(Node n, String f) {
      return y.mapping(n, f, ONWARD)
          .flatMap(
              m -> {
                Optional<RecordCategory> cat =
                    y.required(m, n, f, "category", y.codeItem(RecordCategory.class));
                Optional<List<String>> to =
                    y.required(m, n, f, "to")
                        .flatMap(
                            v ->
                                y.list(
                                    v,
                                    f + ".to",
                                    (an, af) ->
                                        OnwardRule.ANY.equals(scalarOrNull(an))
                                            ? Optional.of(OnwardRule.ANY)
                                            : y.agency(an, af)));
                List<String> caveats =
                    Optional.ofNullable(m.get("caveats"))
                        .flatMap(v -> y.list(v, f + ".caveats", y.stringItem()))
                        .orElse(List.of());
                if (cat.isEmpty() || to.isEmpty()) {
                  return Optional.empty();
                }
                return Optional.of(new OnwardRule(cat.get(), Set.copyOf(to.get()), caveats));
              });
    }

    private static String scalarOrNull(Node n) {
      return n instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue().strip() : null;
    }

    private void duplicateDirections(List<Direction> ds, Node at) {
      Set<String> seen = new HashSet<>();
      for (Direction d : ds) {
        if (!seen.add(d.clause())) {
          y.error(at, "directions", d.clause() + " appears twice");
        }
      }
    }
  }
}
