package org.liaison.node.deconfliction;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
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
 * Partners' filters as this node last fetched them, kept in memory and brought up to date before
 * each check with one small request (deltas since the held generation; the full filter when the
 * partner rebuilt or the deltas do not apply).
 */
@ApplicationScoped
public class PartnerFilters {
  @Inject PartnerCall calls;

  /** A partner's filter with the epoch and public key it was built with. */
  public record Cached(long epoch, String filterId, byte[] publicKey, PrfFilter filter) {}

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public CompletableFuture<Cached> refresh(
      PartnerAgreement p, MatchKind kind, String officerId, long deadlineMs) {
    String key = p.agency() + "|" + kind;
    Cached held = cache.get(key);
    FilterRequest.Builder q = FilterRequest.newBuilder().setKind(kind);
    if (held != null) {
      q.setFilterId(held.filterId()).setSinceGeneration(held.filter().generation());
    }
    return calls
        .send(
            Probes.header(p, kind, FilterRequest.getDescriptor().getFullName(), "", officerId),
            q.build(),
            deadlineMs)
        .thenApply(
            bytes -> {
              Cached next = apply(p.agency(), held, parse(p.agency(), bytes));
              cache.put(key, next);
              return next;
            });
  }

  /** Forgets every partner filter (the next check fetches them whole). */
  public void clear() {
    cache.clear();
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
