package org.liaison.wire.transport;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * How many requests of one partner agency may be in progress at once, at a gateway or a node. There
 * is no queue behind the limit: a request over it is refused at once (the caller answers
 * RESOURCE_EXHAUSTED with {@code PARTNER_BUSY}), so a partner that floods holds at most its own
 * share of the threads and the others' requests still find one free.
 */
public final class PartnerConcurrency {
  private final int perPartner;
  private final ConcurrentMap<String, Semaphore> inFlight = new ConcurrentHashMap<>();

  public PartnerConcurrency(int perPartner) {
    if (perPartner < 1) {
      throw new IllegalArgumentException(
          "at least one request per partner must be allowed, not " + perPartner);
    }
    this.perPartner = perPartner;
  }

  public int perPartner() {
    return perPartner;
  }

  /** A slot for one request of the partner, or empty when all its slots are taken. */
  public Optional<Slot> tryEnter(String partner) {
    Semaphore s = inFlight.computeIfAbsent(partner, p -> new Semaphore(perPartner));
    return s.tryAcquire() ? Optional.of(new Slot(s)) : Optional.empty();
  }

  /** Held while the request is in progress; closing it frees the slot (once). */
  public static final class Slot implements AutoCloseable {
    private Semaphore semaphore;

    private Slot(Semaphore semaphore) {
      this.semaphore = semaphore;
    }

    @Override
    public synchronized void close() {
      if (semaphore != null) {
        semaphore.release();
        semaphore = null;
      }
    }
  }

  /** The sentence of a refusal over the limit. */
  public String busy(String partner) {
    return partner
        + " already has "
        + perPartner
        + " requests in progress here, the most one partner may; retry when one has been answered";
  }
}
