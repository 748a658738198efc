package org.liaison.wire.oprf;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The client's state for one input between {@link OprfClient#blind} and {@link
 * OprfClient#finalize}: the private input and blind stay here; only {@link #blindedElement()} is
 * sent to the server.
 */
public final class BlindedInput {
  private final byte[] input;
  private final BigInteger blind;
  private final byte[] blindedElement;
  // the element as a point, so the proof's check does not decode what this side computed
  private final ECPoint blindedPoint;

  BlindedInput(byte[] input, BigInteger blind, ECPoint blindedPoint) {
    this.input = input.clone();
    this.blind = blind;
    this.blindedPoint = blindedPoint.normalize();
    this.blindedElement = OprfGroup.serializeElement(this.blindedPoint);
  }

  /** The 33-byte blinded element to send to the server. */
  public byte[] blindedElement() {
    return blindedElement.clone();
  }

  byte[] input() {
    return input;
  }

  BigInteger blind() {
    return blind;
  }

  ECPoint blindedPoint() {
    return blindedPoint;
  }

  @Override
  public String toString() {
    return "BlindedInput[redacted]";
  }
}
