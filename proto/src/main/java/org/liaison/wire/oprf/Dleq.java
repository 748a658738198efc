package org.liaison.wire.oprf;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.math.ec.ECPoint;

/**
 * RFC 9497 section 2.2 discrete-log-equivalence proofs with batching (GenerateProof, VerifyProof,
 * ComputeComposites and ComputeCompositesFast), for A = G and B = pkS.
 */
final class Dleq {
  private final OprfMode mode;

  Dleq(OprfMode mode) {
    this.mode = mode;
  }

  byte[] generate(
      BigInteger k, ECPoint a, ECPoint b, List<ECPoint> c, List<ECPoint> d, BigInteger r) {
    ECPoint m;
    ECPoint z;
    ECPoint t3;
    if (c.size() == 1) {
      // a batch of one: M, Z = k*M and t3 = r*M are C's multiples by w, k*w and r*w, three
      // products from one table of C's multiples (its evaluation D = k*C may have built it)
      BigInteger w = weights(seed(b), c, d).get(0);
      m = OprfGroup.multiplyByTable(c.get(0), w);
      z = OprfGroup.multiplyByTable(c.get(0), k.multiply(w).mod(OprfGroup.ORDER));
      t3 = OprfGroup.multiplyByTable(c.get(0), r.multiply(w).mod(OprfGroup.ORDER));
    } else {
      m = compositeM(b, c, d);
      z = OprfGroup.multiply(m, k);
      t3 = OprfGroup.multiply(m, r);
    }
    ECPoint t2 = a.equals(OprfGroup.G) ? OprfGroup.multiplyG(r) : OprfGroup.multiply(a, r);
    BigInteger ch = challenge(b, m, z, t2, t3);
    BigInteger s = r.subtract(ch.multiply(k)).mod(OprfGroup.ORDER);
    return Bytes.concat(OprfGroup.serializeScalar(ch), OprfGroup.serializeScalar(s));
  }

  boolean verify(ECPoint a, ECPoint b, List<ECPoint> c, List<ECPoint> d, byte[] proof) {
    if (proof == null
        || proof.length != 2 * OprfGroup.SCALAR_LENGTH
        || c.isEmpty()
        || c.size() != d.size()) {
      return false;
    }
    byte[] cBytes = java.util.Arrays.copyOfRange(proof, 0, OprfGroup.SCALAR_LENGTH);
    byte[] sBytes = java.util.Arrays.copyOfRange(proof, OprfGroup.SCALAR_LENGTH, proof.length);
    BigInteger ch;
    BigInteger s;
    try {
      ch = OprfGroup.deserializeScalar(cBytes);
      s = OprfGroup.deserializeScalar(sBytes);
    } catch (OprfException e) {
      return false;
    }
    // ComputeComposites: the verifier does not know k, so Z is the weighted sum of D.
    List<BigInteger> w = weights(seed(b), c, d);
    ECPoint m = OprfGroup.sum(c, w);
    ECPoint z = OprfGroup.sum(d, w);
    ECPoint t2 = OprfGroup.sumOfTwo(a, s, b, ch);
    ECPoint t3 = OprfGroup.sumOfTwo(m, s, z, ch);
    if (m.isInfinity() || z.isInfinity() || t2.isInfinity() || t3.isInfinity()) {
      return false;
    }
    return challenge(b, m, z, t2, t3).equals(ch);
  }

  /** ComputeCompositesFast without the final {@code k * M}, which the prover does itself. */
  private ECPoint compositeM(ECPoint b, List<ECPoint> c, List<ECPoint> d) {
    return OprfGroup.sum(c, weights(seed(b), c, d));
  }

  /** The composite weights d_i of ComputeComposites, one per pair (C_i, D_i). */
  private List<BigInteger> weights(byte[] seed, List<ECPoint> c, List<ECPoint> d) {
    List<BigInteger> w = new ArrayList<>(c.size());
    for (int i = 0; i < c.size(); i++) {
      w.add(weight(seed, i, c.get(i), d.get(i)));
    }
    return w;
  }

  private byte[] seed(ECPoint b) {
    ByteArrayOutputStream t = new ByteArrayOutputStream();
    Bytes.lengthPrefixed(t, OprfGroup.serializeElement(b));
    Bytes.lengthPrefixed(t, mode.dst("Seed-"));
    return sha256(t.toByteArray());
  }

  private BigInteger weight(byte[] seed, int i, ECPoint ci, ECPoint di) {
    ByteArrayOutputStream t = new ByteArrayOutputStream();
    Bytes.lengthPrefixed(t, seed);
    t.writeBytes(Bytes.i2osp(i, 2));
    Bytes.lengthPrefixed(t, OprfGroup.serializeElement(ci));
    Bytes.lengthPrefixed(t, OprfGroup.serializeElement(di));
    t.writeBytes("Composite".getBytes(StandardCharsets.US_ASCII));
    return HashToCurve.hashToScalar(t.toByteArray(), mode.dst("HashToScalar-"));
  }

  private BigInteger challenge(ECPoint b, ECPoint m, ECPoint z, ECPoint t2, ECPoint t3) {
    ByteArrayOutputStream t = new ByteArrayOutputStream();
    for (ECPoint p : List.of(b, m, z, t2, t3)) {
      Bytes.lengthPrefixed(t, OprfGroup.serializeElement(p));
    }
    t.writeBytes("Challenge".getBytes(StandardCharsets.US_ASCII));
    return HashToCurve.hashToScalar(t.toByteArray(), mode.dst("HashToScalar-"));
  }

  static byte[] sha256(byte[] in) {
    SHA256Digest d = new SHA256Digest();
    d.update(in, 0, in.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }
}
