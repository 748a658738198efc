package org.liaison.wire.oprf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.liaison.wire.v1.Reason;

/**
 * A node's de-confliction OPRF keys: one key per partner agency per epoch, derived from a master
 * seed with RFC 9497 DeriveKeyPair and {@code info = "liaison-deconfliction/" + partner + "/" +
 * epoch}. Different partners get unrelated keys, so one partner's PRF values cannot be linked to
 * another's filter.
 *
 * <p>An epoch is a UTC week: {@code floor((epochDay + 3) / 7)}, so epochs start on Mondays at 00:00
 * UTC. Keys rotate at each epoch boundary; the previous epoch stays usable for one epoch more so
 * that a partner holding last week's filter can still probe while it fetches the new one. Older and
 * future epochs are refused. Thread-safe.
 */
public final class OprfKeyRing {
  /** The length of a key epoch. */
  public static final Duration EPOCH_LENGTH = Duration.ofDays(7);

  private static final Pattern AGENCY = Pattern.compile("[a-z0-9]+(\\.[a-z0-9-]+)+");

  private final byte[] masterSeed;
  private final OprfMode mode;
  private final Clock clock;
  private final Map<String, OprfKeyPair> cache = new ConcurrentHashMap<>();

  /**
   * @param masterSeed at least 32 bytes of secret randomness, kept by this node only
   * @param mode {@link OprfMode#VOPRF} when partners should verify the key (recommended)
   */
  public OprfKeyRing(byte[] masterSeed, OprfMode mode, Clock clock) {
    if (masterSeed == null || masterSeed.length < 32) {
      throw OprfException.invalid(
          "the OPRF master seed must hold at least 32 bytes of secret randomness");
    }
    this.masterSeed = masterSeed.clone();
    this.mode = Objects.requireNonNull(mode, "mode");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The epoch (UTC week number, Monday-aligned, since 1970) containing {@code t}. */
  public static long epochAt(Instant t) {
    long day = Math.floorDiv(t.getEpochSecond(), 86_400L);
    return Math.floorDiv(day + 3, 7);
  }

  /** When {@code epoch} begins. */
  public static Instant epochStart(long epoch) {
    return Instant.ofEpochSecond((epoch * 7 - 3) * 86_400L);
  }

  public long currentEpoch() {
    return epochAt(clock.instant());
  }

  /** True for the current epoch and the one before it (the rotation grace period). */
  public boolean accepts(long epoch) {
    long now = currentEpoch();
    return epoch == now || epoch == now - 1;
  }

  /** This epoch's key for the partner: the one to build its filter with. */
  public OprfKeyPair currentKey(String partnerAgency) {
    return key(partnerAgency, currentEpoch());
  }

  /**
   * The key for a partner and epoch.
   *
   * @throws OprfException {@code MESSAGE_EXPIRED} for an epoch before the grace period, {@code
   *     MESSAGE_NOT_YET_VALID} for a future epoch, {@code INVALID_ARGUMENT} for an agency id that
   *     is not lower-case dotted
   */
  public OprfKeyPair key(String partnerAgency, long epoch) {
    if (partnerAgency == null || !AGENCY.matcher(partnerAgency).matches()) {
      throw OprfException.invalid(
          "partner agency id must be lower-case dotted, like us.dea; got " + partnerAgency);
    }
    long now = currentEpoch();
    if (epoch < now - 1) {
      throw new OprfException(
          Reason.MESSAGE_EXPIRED,
          "OPRF epoch "
              + epoch
              + " has been rotated out (current "
              + now
              + "); fetch the partner's current filter and probe again");
    }
    if (epoch > now) {
      throw new OprfException(
          Reason.MESSAGE_NOT_YET_VALID,
          "OPRF epoch " + epoch + " has not started (current " + now + "); check the clocks");
    }
    String info = "liaison-deconfliction/" + partnerAgency + "/" + epoch;
    cache.keySet().removeIf(k -> Long.parseLong(k.substring(k.lastIndexOf('/') + 1)) < now - 1);
    return cache.computeIfAbsent(info, i -> OprfKeyPair.derive(mode, masterSeed, i));
  }

  /** An evaluator for a partner's probes under the given epoch's key. */
  public OprfServer server(String partnerAgency, long epoch) {
    return new OprfServer(key(partnerAgency, epoch), mode);
  }

  public OprfMode mode() {
    return mode;
  }
}
