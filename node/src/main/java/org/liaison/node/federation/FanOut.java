package org.liaison.node.federation;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.liaison.node.partners.PartnerAgreement;

/**
 * Sends one request to many partners in parallel and hands each outcome to the caller as it
 * arrives. Every partner yields exactly one outcome by the deadline (plus a small grace), so a dead
 * partner can never hold the others up.
 */
public final class FanOut {
  private static final long GRACE_MS = 500;

  private FanOut() {}

  /** One partner's outcome: the opened answer bytes, or why there are none. */
  public record Outcome(
      PartnerAgreement partner, byte[] answer, ExchangeFailure failure, long latencyMs) {}

  public static CompletableFuture<Void> send(
      PartnerCall calls,
      List<PartnerAgreement> partners,
      Function<PartnerAgreement, OutboundRequest> header,
      Message payload,
      long deadlineMs,
      Consumer<Outcome> sink) {
    return each(
        partners,
        partner -> calls.send(header.apply(partner), payload, deadlineMs),
        deadlineMs + GRACE_MS,
        (partner, bytes, failure, latencyMs) ->
            sink.accept(new Outcome(partner, bytes, failure, latencyMs)));
  }

  /** What {@link #each} hands over per partner: its result, or (result null) why there is none. */
  @FunctionalInterface
  public interface Arrival<T> {
    void accept(PartnerAgreement partner, T result, ExchangeFailure failure, long latencyMs);
  }

  /**
   * Starts {@code call} for every partner at once and hands each one's result or failure to {@code
   * arrival} as it comes: exactly one per partner, by {@code timeoutMs} at the latest (a call that
   * throws, fails or takes longer is a failure, mapped by {@link ExchangeFailure#of}).
   */
  public static <T> CompletableFuture<Void> each(
      List<PartnerAgreement> partners,
      Function<PartnerAgreement, CompletableFuture<T>> call,
      long timeoutMs,
      Arrival<T> arrival) {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (PartnerAgreement partner : partners) {
      long started = System.nanoTime();
      CompletableFuture<T> pending;
      try {
        pending = call.apply(partner);
      } catch (RuntimeException e) {
        pending = CompletableFuture.failedFuture(e);
      }
      all.add(
          pending
              .orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
              .handle(
                  (result, error) -> {
                    long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    if (error == null) {
                      arrival.accept(partner, result, null, latency);
                    } else {
                      arrival.accept(
                          partner, null, ExchangeFailure.of(error, partner.agency()), latency);
                    }
                    return null;
                  }));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }
}
