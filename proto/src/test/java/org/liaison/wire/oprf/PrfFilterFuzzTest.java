package org.liaison.wire.oprf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.management.ManagementFactory;
import org.liaison.wire.v1.Reason;

/**
 * Fuzzes the decoding of what a partner publishes for private matching: a full {@link PrfFilter}
 * and a {@link PrfFilterDelta}, and applying the delta to a filter. Only {@link OprfException} with
 * UNSUPPORTED_VERSION or INVALID_ARGUMENT may escape; a decoded filter or delta re-encodes to the
 * same bytes; and decoding allocates no more than a small multiple of the input (a 14-byte header
 * must not make the node reserve the 256 MiB its bit count announces).
 */
class PrfFilterFuzzTest {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final long ALLOCATION_SLACK = 64 * 1024;

  @FuzzTest(maxDuration = "5m")
  void filterAndDelta(FuzzedDataProvider data) {
    boolean delta = data.consumeBoolean();
    byte[] bytes = data.consumeRemainingAsBytes();
    if (delta) {
      decodeDelta(bytes);
    } else {
      decodeFilter(bytes);
    }
  }

  private static void decodeFilter(byte[] bytes) {
    assertBoundedAllocation(() -> PrfFilter.fromBytes(bytes), bytes);
    PrfFilter filter;
    try {
      filter = PrfFilter.fromBytes(bytes);
    } catch (OprfException e) {
      assertRefusal(e);
      return;
    }
    assertThat(filter.toBytes()).isEqualTo(bytes);
    assertThat(filter.mightContain(new byte[OprfClient.OUTPUT_LENGTH])).isIn(true, false);
  }

  private static void decodeDelta(byte[] bytes) {
    assertBoundedAllocation(() -> PrfFilterDelta.fromBytes(bytes), bytes);
    PrfFilterDelta d;
    try {
      d = PrfFilterDelta.fromBytes(bytes);
    } catch (OprfException e) {
      assertRefusal(e);
      return;
    }
    assertThat(d.toBytes()).isEqualTo(bytes);
    // A delta for a small filter of the same size and generation: applying it either refuses or
    // sets and clears exactly the bits it names.
    if (d.bitCount() < 64 || d.bitCount() > 1 << 16) {
      return;
    }
    PrfFilter base =
        new PrfFilter(
            new BloomLayout(d.bitCount(), 3),
            d.fromGeneration(),
            new long[PrfFilter.wordsFor(d.bitCount())]);
    PrfFilter applied;
    try {
      applied = base.apply(d);
    } catch (OprfException e) {
      assertRefusal(e);
      return;
    }
    assertThat(applied.generation()).isEqualTo(d.toGeneration());
    assertThat(PrfFilter.fromBytes(applied.toBytes()).toBytes()).isEqualTo(applied.toBytes());
  }

  private static void assertRefusal(OprfException e) {
    assertThat(e.reason()).isIn(Reason.UNSUPPORTED_VERSION, Reason.INVALID_ARGUMENT);
    assertThat(e.getMessage()).isNotBlank();
  }

  /**
   * Decoding allocates at most a small multiple of its input. Measured again when the first
   * measurement is over the bound: a first call on a path also loads classes and links string
   * concatenations, which is not the decoder's doing.
   */
  private static void assertBoundedAllocation(Runnable decode, byte[] input) {
    long bound = ALLOCATION_SLACK + 4L * input.length;
    long allocated = allocation(decode);
    if (allocated > bound) {
      allocated = allocation(decode);
    }
    assertThat(allocated)
        .as("decoding %d bytes allocated %d bytes", input.length, allocated)
        .isLessThanOrEqualTo(bound);
  }

  private static long allocation(Runnable decode) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    try {
      decode.run();
    } catch (OprfException e) {
      // refusals are checked by the caller
    }
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }
}
