package org.liaison.wire.oprf;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The client (querier) side of RFC 9497 P256-SHA256: {@link #blind} an input, send the blinded
 * element, then {@link #finalize} with the server's evaluated element to get the 32-byte PRF
 * output. In VOPRF mode, {@link #finalizeVerifiable} first checks the server's batch proof against
 * the public key the server committed to. Thread-safe.
 */
public final class OprfClient {
  /** Nh: the length of a PRF output. */
  public static final int OUTPUT_LENGTH = 32;

  private final OprfMode mode;
  private final SecureRandom random;
  private final DecodedKeys serverKeys = new DecodedKeys();

  public OprfClient(OprfMode mode) {
    this(mode, new SecureRandom());
  }

  OprfClient(OprfMode mode, SecureRandom random) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.random = random;
  }

  public OprfMode mode() {
    return mode;
  }

  /**
   * Blind(input) with a fresh random blind.
   *
   * @throws OprfException {@code INVALID_ARGUMENT} if the input hashes to the identity (probability
   *     about 2^-256) or is longer than 65535 bytes
   */
  public BlindedInput blind(byte[] input) {
    return blind(input, OprfGroup.randomScalar(random));
  }

  /** Blind(input) with a fixed blind; for the RFC vectors only. */
  BlindedInput blind(byte[] input, BigInteger blind) {
    Objects.requireNonNull(input, "input");
    if (input.length > 0xFFFF) {
      throw OprfException.invalid("an OPRF input must be at most 65535 bytes");
    }
    ECPoint inputElement = hashToGroup(input);
    if (inputElement.isInfinity()) {
      throw OprfException.invalid("the input maps to the identity element; it cannot be evaluated");
    }
    return new BlindedInput(input, blind, OprfGroup.multiply(inputElement, blind));
  }

  /**
   * Finalize(input, blind, evaluatedElement) for mode 0: unblinds and hashes to the output.
   *
   * @throws OprfException {@code INVALID_ARGUMENT} if the evaluated element is malformed, off the
   *     curve or the identity
   */
  public byte[] finalize(BlindedInput blinded, byte[] evaluatedElement) {
    return finalizeUnchecked(blinded, OprfGroup.deserializeElement(evaluatedElement));
  }

  /**
   * Mode 1 Finalize over a batch: verifies the DLEQ proof that every evaluated element was computed
   * with the key behind {@code serverPublicKey}, then finalizes each, in order.
   *
   * @throws OprfException {@code SIGNATURE_INVALID} if the proof does not verify (the server used
   *     another key, or altered an element); {@code INVALID_ARGUMENT} if sizes differ or an element
   *     is malformed
   */
  public List<byte[]> finalizeVerifiable(
      List<BlindedInput> blinded, VerifiableEvaluation evaluation, byte[] serverPublicKey) {
    if (mode != OprfMode.VOPRF) {
      throw OprfException.invalid(
          "finalizeVerifiable needs a VOPRF client; this one runs in " + mode + " mode");
    }
    List<byte[]> evaluated = evaluation.evaluatedElements();
    if (blinded.isEmpty() || blinded.size() != evaluated.size()) {
      throw OprfException.invalid(
          "the server answered "
              + evaluated.size()
              + " elements for "
              + blinded.size()
              + " blinded inputs");
    }
    ECPoint pk = serverKeys.point(serverPublicKey);
    List<ECPoint> c = new ArrayList<>(blinded.size());
    List<ECPoint> d = new ArrayList<>(blinded.size());
    for (int i = 0; i < blinded.size(); i++) {
      c.add(blinded.get(i).blindedPoint());
      d.add(OprfGroup.deserializeElement(evaluated.get(i)));
    }
    if (!new Dleq(mode).verify(OprfGroup.G, pk, c, d, evaluation.proof())) {
      throw new OprfException(
          org.liaison.wire.v1.Reason.SIGNATURE_INVALID,
          "the partner's OPRF proof does not verify against its committed public key; discard the answers");
    }
    List<byte[]> out = new ArrayList<>(blinded.size());
    for (int i = 0; i < blinded.size(); i++) {
      out.add(finalizeUnchecked(blinded.get(i), d.get(i)));
    }
    return out;
  }

  private byte[] finalizeUnchecked(BlindedInput blinded, ECPoint evaluated) {
    ECPoint n = OprfGroup.multiply(evaluated, blinded.blind().modInverse(OprfGroup.ORDER));
    return finalizeHash(blinded.input(), n);
  }

  static byte[] finalizeHash(byte[] input, ECPoint n) {
    ByteArrayOutputStream t = new ByteArrayOutputStream();
    Bytes.lengthPrefixed(t, input);
    Bytes.lengthPrefixed(t, OprfGroup.serializeElement(n));
    t.writeBytes("Finalize".getBytes(StandardCharsets.US_ASCII));
    return Dleq.sha256(t.toByteArray());
  }

  /** HashToGroup for this mode; package-private so tests can check what the server saw. */
  ECPoint hashToGroup(byte[] input) {
    return HashToCurve.hashToCurve(input, mode.dst("HashToGroup-"));
  }
}
