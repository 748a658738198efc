package org.liaison.node.federation;

import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
      java.util.function.Function<PartnerAgreement, OutboundRequest> header,
      Message payload,
      long deadlineMs,
      Consumer<Outcome> sink) {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (PartnerAgreement partner : partners) {
      long started = System.nanoTime();
      CompletableFuture<byte[]> call;
      try {
        call = calls.send(header.apply(partner), payload, deadlineMs);
      } catch (RuntimeException e) {
        call = CompletableFuture.failedFuture(e);
      }
      all.add(
          call.orTimeout(deadlineMs + GRACE_MS, TimeUnit.MILLISECONDS)
              .handle(
                  (bytes, error) -> {
                    long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    sink.accept(
                        error == null
                            ? new Outcome(partner, bytes, null, latency)
                            : new Outcome(
                                partner,
                                null,
                                ExchangeFailure.of(error, partner.agency()),
                                latency));
                    return null;
                  }));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }
}
