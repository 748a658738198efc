package org.liaison.wire.oprf;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The server (evaluator) side of RFC 9497 P256-SHA256. It only ever receives blinded elements; each
 * is validated (on the curve, not the identity) before it is multiplied by the private key.
 * Evaluation is batched: one call evaluates many elements and, in VOPRF mode, proves them all with
 * one DLEQ proof. Thread-safe.
 */
public final class OprfServer {
  /** Upper bound on one batch, so a single request cannot monopolise the evaluator. */
  public static final int MAX_BATCH = 10_000;

  private final OprfKeyPair key;
  private final OprfMode mode;
  private final SecureRandom random;

  public OprfServer(OprfKeyPair key, OprfMode mode) {
    this(key, mode, new SecureRandom());
  }

  OprfServer(OprfKeyPair key, OprfMode mode, SecureRandom random) {
    this.key = Objects.requireNonNull(key, "key");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.random = random;
  }

  public OprfMode mode() {
    return mode;
  }

  /** The committed public key (33 bytes), published to clients in VOPRF mode. */
  public byte[] publicKey() {
    return key.publicKey();
  }

  /**
   * Mode 0 BlindEvaluate over a batch: returns {@code skS * B} for each blinded element B, in
   * order.
   *
   * @throws OprfException {@code INVALID_ARGUMENT} if an element is malformed, not on P-256 or the
   *     identity, or the batch is empty or larger than {@link #MAX_BATCH}
   */
  public List<byte[]> blindEvaluate(List<byte[]> blindedElements) {
    requireMode(OprfMode.OPRF);
    List<ECPoint> c = decodeBatch(blindedElements);
    List<byte[]> out = new ArrayList<>(c.size());
    for (ECPoint p : evaluate(c)) {
      out.add(OprfGroup.serializeElement(p));
    }
    return out;
  }

  /** Mode 1 BlindEvaluate over a batch, with one DLEQ proof for the whole batch. */
  public VerifiableEvaluation blindEvaluateVerifiable(List<byte[]> blindedElements) {
    return blindEvaluateVerifiable(blindedElements, OprfGroup.randomScalar(random));
  }

  /** As above with a fixed proof nonce r; for the RFC vectors only. */
  VerifiableEvaluation blindEvaluateVerifiable(List<byte[]> blindedElements, BigInteger r) {
    requireMode(OprfMode.VOPRF);
    List<ECPoint> c = decodeBatch(blindedElements);
    // a batch of one: its proof multiplies C three times more, so D = k*C builds C's table
    List<ECPoint> d =
        c.size() == 1 ? List.of(OprfGroup.multiplyByTable(c.get(0), key.secret())) : evaluate(c);
    byte[] proof = new Dleq(mode).generate(key.secret(), OprfGroup.G, key.publicPoint(), c, d, r);
    List<byte[]> out = new ArrayList<>(d.size());
    for (ECPoint p : d) {
      out.add(OprfGroup.serializeElement(p));
    }
    return new VerifiableEvaluation(out, proof);
  }

  /**
   * RFC 9497 Evaluate(skS, input): the PRF output computed directly by the key holder, as a client
   * would get it through blind, evaluate and finalize. The holder uses this to build its filter
   * from its own targets.
   */
  public byte[] evaluate(byte[] input) {
    OprfClient self = new OprfClient(mode);
    ECPoint inputElement = self.hashToGroup(input);
    if (inputElement.isInfinity()) {
      throw OprfException.invalid("the input maps to the identity element; it cannot be evaluated");
    }
    return OprfClient.finalizeHash(input, OprfGroup.multiply(inputElement, key.secret()));
  }

  private List<ECPoint> evaluate(List<ECPoint> c) {
    List<ECPoint> d = new ArrayList<>(c.size());
    for (ECPoint p : c) {
      d.add(OprfGroup.multiply(p, key.secret()));
    }
    return d;
  }

  private void requireMode(OprfMode expected) {
    if (mode != expected) {
      throw OprfException.invalid(
          "this server runs in " + mode + " mode; the call needs " + expected);
    }
  }

  static List<ECPoint> decodeBatch(List<byte[]> elements) {
    if (elements == null || elements.isEmpty() || elements.size() > MAX_BATCH) {
      throw OprfException.invalid(
          "a batch must hold between 1 and " + MAX_BATCH + " blinded elements");
    }
    List<ECPoint> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      try {
        out.add(OprfGroup.deserializeElement(elements.get(i)));
      } catch (OprfException e) {
        throw OprfException.invalid("blinded element " + i + " rejected: " + e.getMessage());
      }
    }
    return out;
  }
}
