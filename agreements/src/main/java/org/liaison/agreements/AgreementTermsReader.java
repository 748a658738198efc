package org.liaison.agreements;

import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.liaison.agreements.Terms.Deconfliction;
import org.liaison.agreements.Terms.Feedback;
import org.liaison.agreements.Terms.RateLimits;
import org.liaison.agreements.Terms.ServiceLevels;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the operational terms of an agreement document: its rate limits, de-confliction, feedback
 * and service levels. {@link AgreementParser} reads who agreed to share what (parties, dates,
 * purposes, directions, records, onward sharing) and hands these sections here.
 */
final class AgreementTermsReader {
  private static final Set<String> DECONF =
      Set.of("target", "event", "event_buffer_metres", "event_buffer_minutes");

  private final YamlFields y;

  AgreementTermsReader(YamlFields y) {
    this.y = y;
  }

  Optional<RateLimits> rateLimits(Node n) {
    return twoFields(
        n,
        "rate_limits",
        "queries_per_day",
        y.integerItem(0),
        "deconfliction_probes_per_day",
        y.integerItem(0),
        RateLimits::new);
  }

  Optional<Deconfliction> deconfliction(Node n) {
    return y.mapping(n, "deconfliction", DECONF)
        .flatMap(
            m -> {
              Optional<Boolean> t = y.required(m, n, "deconfliction", "target", y.boolItem());
              Optional<Boolean> e = y.required(m, n, "deconfliction", "event", y.boolItem());
              // optional, the same defaults on both sides: 500 m and 60 minutes
              Optional<Integer> metres =
                  y.optional(
                      m,
                      "deconfliction",
                      "event_buffer_metres",
                      y.integerItem(0),
                      Deconfliction.DEFAULT_BUFFER_METRES);
              Optional<Integer> minutes =
                  y.optional(
                      m,
                      "deconfliction",
                      "event_buffer_minutes",
                      y.integerItem(0),
                      Deconfliction.DEFAULT_BUFFER_MINUTES);
              return t.isPresent() && e.isPresent() && metres.isPresent() && minutes.isPresent()
                  ? Optional.of(new Deconfliction(t.get(), e.get(), metres.get(), minutes.get()))
                  : Optional.empty();
            });
  }

  Optional<Feedback> feedback(Node n) {
    return twoFields(
        n,
        "feedback",
        "owed_to_originator",
        y.boolItem(),
        "within_days",
        y.integerItem(0),
        Feedback::new);
  }

  Optional<ServiceLevels> serviceLevels(Node n) {
    return twoFields(
        n,
        "service_levels",
        "respond_within_hours",
        y.integerItem(1),
        "designation_requests_tracked",
        y.boolItem(),
        ServiceLevels::new);
  }

  /**
   * A section of exactly two required fields, made into its term when both read; otherwise empty,
   * with every error of the section recorded.
   */
  private <A, B, R> Optional<R> twoFields(
      Node n,
      String section,
      String first,
      YamlFields.ItemReader<A> firstItem,
      String second,
      YamlFields.ItemReader<B> secondItem,
      BiFunction<A, B, R> make) {
    return y.mapping(n, section, Set.of(first, second))
        .flatMap(
            m ->
                YamlFields.both(
                    y.required(m, n, section, first, firstItem),
                    y.required(m, n, section, second, secondItem),
                    make));
  }
}
