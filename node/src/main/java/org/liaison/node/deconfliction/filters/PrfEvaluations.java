package org.liaison.node.deconfliction.filters;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.liaison.wire.oprf.OprfServer;

/**
 * The PRF values of many inputs at once, for a filter catching up (decision 0074: the catch-up's
 * time is the OPRF's, about 85 % of its thread's samples, one evaluation after the other). They are
 * evaluated on all cores but one, so that one core stays free for partners' checks and queries
 * while a large catch-up runs: on two cores, one thread, as before.
 */
final class PrfEvaluations {
  static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

  private static final ForkJoinPool POOL = new ForkJoinPool(THREADS);

  private PrfEvaluations() {}

  /** The PRF value of each input, in the inputs' order. */
  static List<ByteString> of(OprfServer server, List<ByteString> inputs) {
    if (THREADS == 1 || inputs.size() < 2) {
      return inputs.stream().map(i -> evaluate(server, i)).toList();
    }
    try {
      return POOL.submit(() -> inputs.parallelStream().map(i -> evaluate(server, i)).toList())
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while evaluating PRF values", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot evaluate PRF values: " + e.getCause(), e.getCause());
    }
  }

  private static ByteString evaluate(OprfServer server, ByteString input) {
    return ByteString.copyFrom(server.evaluate(input.toByteArray()));
  }
}
