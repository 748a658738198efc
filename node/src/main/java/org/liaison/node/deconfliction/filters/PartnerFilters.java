package org.liaison.node.deconfliction.filters;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.liaison.node.deconfliction.matching.Probes;
import org.liaison.node.federation.ExchangeFailure;
import org.liaison.node.federation.PartnerCall;
import org.liaison.node.partners.PartnerAgreement;
import org.liaison.wire.oprf.OprfException;
import org.liaison.wire.oprf.PrfFilter;
import org.liaison.wire.oprf.PrfFilterDelta;
import org.liaison.wire.v1.FilterAnswer;
import org.liaison.wire.v1.FilterRequest;
import org.liaison.wire.v1.MatchKind;
import org.liaison.wire.v1.PartnerAnswer;
import org.liaison.wire.v1.Reason;

/**
 * Partners' filters as this node last fetched them, kept in memory and on disk with their
 * generation ({@link StoredPartnerFilters}), and brought up to date before each check with one
 * small request (deltas since the held generation; the full filter when the partner rebuilt or the
 * deltas do not apply). A restarted node starts from the stored generation.
 */
@ApplicationScoped
public class PartnerFilters {
  @Inject PartnerCall calls;
  @Inject StoredPartnerFilters stored;

  /** A partner's filter with the epoch and public key it was built with. */
  public record Cached(long epoch, String filterId, byte[] publicKey, PrfFilter filter) {}

  /** How often a fetch in parts starts again when the partner's filter moves on meanwhile. */
  private static final int RESTARTS = 2;

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public CompletableFuture<Cached> refresh(
      PartnerAgreement p, MatchKind kind, String officerId, long deadlineMs) {
    String key = p.agency() + "|" + kind;
    Cached held = cache.computeIfAbsent(key, k -> stored.load(p.agency(), kind).orElse(null));
    FilterRequest.Builder q = FilterRequest.newBuilder().setKind(kind);
    if (held != null) {
      q.setFilterId(held.filterId()).setSinceGeneration(held.filter().generation());
    }
    return fetch(p, kind, officerId, deadlineMs, q.build())
        .thenCompose(a -> whole(p, kind, officerId, deadlineMs, a, RESTARTS))
        .thenApply(
            a -> {
              Cached next = apply(p.agency(), held, a);
              cache.put(key, next);
              if (held == null
                  || !held.filterId().equals(next.filterId())
                  || held.filter().generation() != next.filter().generation()) {
                stored.store(p.agency(), kind, next);
              }
              return next;
            });
  }

  private CompletableFuture<FilterAnswer> fetch(
      PartnerAgreement p, MatchKind kind, String officerId, long deadlineMs, FilterRequest q) {
    return calls
        .send(
            Probes.header(p, kind, FilterRequest.getDescriptor().getFullName(), "", officerId),
            q,
            deadlineMs)
        .thenApply(bytes -> parse(p.agency(), bytes));
  }

  /**
   * The answer with its full filter whole: a filter in parts is fetched part after part, all of the
   * same generation; if the partner moves on meanwhile, from its new first part again.
   */
  private CompletableFuture<FilterAnswer> whole(
      PartnerAgreement p,
      MatchKind kind,
      String officerId,
      long deadlineMs,
      FilterAnswer first,
      int restarts) {
    if (first.getParts() <= 1) {
      return CompletableFuture.completedFuture(first);
    }
    ByteArrayOutputStream joined = new ByteArrayOutputStream((int) first.getFullSize());
    joined.writeBytes(first.getFullFilter().toByteArray());
    CompletableFuture<FilterAnswer> next = CompletableFuture.completedFuture(first);
    for (int i = 1; i < first.getParts(); i++) {
      FilterRequest q =
          FilterRequest.newBuilder()
              .setKind(kind)
              .setFilterId(first.getFilterId())
              .setSnapshotGeneration(first.getGeneration())
              .setPart(i)
              .build();
      int part = i;
      next =
          next.thenCompose(
              previous ->
                  previous.getPart() != part - 1
                      ? CompletableFuture.completedFuture(previous)
                      : fetch(p, kind, officerId, deadlineMs, q)
                          .thenApply(
                              a -> {
                                if (samePart(a, first, part)) {
                                  joined.writeBytes(a.getFullFilter().toByteArray());
                                }
                                return a;
                              }));
    }
    return next.thenCompose(
        last -> {
          if (samePart(last, first, first.getParts() - 1) && joined.size() == first.getFullSize()) {
            return CompletableFuture.completedFuture(
                first.toBuilder()
                    .setFullFilter(ByteString.copyFrom(joined.toByteArray()))
                    .setPart(0)
                    .build());
          }
          if (restarts == 0 || last.getPart() != 0) {
            throw new CompletionException(
                new ExchangeFailure(
                    PartnerAnswer.Status.UNAVAILABLE,
                    Reason.INTERNAL,
                    p.agency() + "'s filter kept changing while it was being fetched; retry"));
          }
          return whole(p, kind, officerId, deadlineMs, last, restarts - 1);
        });
  }

  private static boolean samePart(FilterAnswer a, FilterAnswer first, int part) {
    return a.getPart() == part
        && a.getFilterId().equals(first.getFilterId())
        && a.getGeneration() == first.getGeneration()
        && a.getParts() == first.getParts();
  }

  /** Forgets every partner filter, in memory and on disk (the next check fetches them whole). */
  public void clear() {
    cache.clear();
    stored.clear();
  }

  private static FilterAnswer parse(String partner, byte[] bytes) {
    try {
      FilterAnswer a = FilterAnswer.parseFrom(bytes);
      if (a.hasRefusal()) {
        throw new CompletionException(
            new ExchangeFailure(
                PartnerAnswer.Status.REFUSED,
                a.getRefusal().getReason(),
                a.getRefusal().getMessage()));
      }
      return a;
    } catch (InvalidProtocolBufferException e) {
      throw new CompletionException(
          new ExchangeFailure(
              PartnerAnswer.Status.REJECTED,
              Reason.MALFORMED_ENVELOPE,
              partner + " answered with something that is not a filter"));
    }
  }

  private static Cached apply(String partner, Cached held, FilterAnswer a) {
    byte[] pk = a.getPublicKey().toByteArray();
    try {
      if (!a.getFullFilter().isEmpty()) {
        return new Cached(
            a.getEpoch(),
            a.getFilterId(),
            pk,
            PrfFilter.fromBytes(a.getFullFilter().toByteArray()));
      }
      if (held == null || !held.filterId().equals(a.getFilterId())) {
        throw new OprfException(
            Reason.INVALID_ARGUMENT, partner + " sent deltas for a filter this node does not hold");
      }
      PrfFilter f = held.filter();
      for (ByteString d : a.getDeltasList()) {
        f = f.apply(PrfFilterDelta.fromBytes(d.toByteArray()));
      }
      return new Cached(a.getEpoch(), a.getFilterId(), pk, f);
    } catch (OprfException e) {
      throw new CompletionException(
          new ExchangeFailure(
              PartnerAnswer.Status.REJECTED,
              e.reason(),
              "the filter from " + partner + " is unusable: " + e.getMessage()));
    }
  }
}
