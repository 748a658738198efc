package org.liaison.agreements;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.liaison.agreements.Terms.Deconfliction;
import org.liaison.agreements.Terms.Feedback;
import org.liaison.agreements.Terms.RateLimits;
import org.liaison.agreements.Terms.ServiceLevels;
import org.liaison.wire.vocabulary.CrimeCategory;

/**
 * A parsed, validated agreement document ({@code <id>.yaml}). The schema is documented in
 * docs/agreements.md. Whether it is in force is a separate question: see {@link AgreementStatus}.
 *
 * <p>Dates are whole days in UTC: the agreement applies from {@code start} 00:00Z up to the end of
 * {@code end} (inclusive).
 */
public record Agreement(
    String id,
    int version,
    String title,
    List<Party> parties,
    LocalDate start,
    LocalDate end,
    Set<CrimeCategory> purposes,
    Set<CrimeCategory> crimeCategories,
    List<Direction> directions,
    RateLimits rateLimits,
    Deconfliction deconfliction,
    Feedback feedback,
    ServiceLevels serviceLevels) {

  public Agreement {
    parties = List.copyOf(parties);
    purposes = Set.copyOf(purposes);
    crimeCategories = Set.copyOf(crimeCategories);
    directions = List.copyOf(directions);
  }

  public boolean hasParty(String agency) {
    return party(agency).isPresent();
  }

  public Optional<Party> party(String agency) {
    return parties.stream().filter(p -> p.agency().equals(agency)).findFirst();
  }

  /**
   * The terms for information flowing from {@code from} (the holder) to {@code to} (the requester).
   */
  public Optional<Direction> direction(String from, String to) {
    return directions.stream().filter(d -> d.from().equals(from) && d.to().equals(to)).findFirst();
  }

  /** True when {@code at} falls on or after the start day. */
  public boolean started(Instant at) {
    return !at.isBefore(startsAt());
  }

  /** True when {@code at} falls after the end day. */
  public boolean ended(Instant at) {
    return !at.isBefore(endsAt());
  }

  /** The first instant of the start day (UTC). */
  public Instant startsAt() {
    return start.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The first instant after the end day (UTC): the agreement has ended from then on. */
  public Instant endsAt() {
    return end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
