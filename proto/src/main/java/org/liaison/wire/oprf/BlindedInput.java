package org.liaison.wire.oprf;

import java.math.BigInteger;

/**
 * The client's state for one input between {@link OprfClient#blind} and {@link
 * OprfClient#finalize}: the private input and blind stay here; only {@link #blindedElement()} is
 * sent to the server.
 */
public final class BlindedInput {
  private final byte[] input;
  private final BigInteger blind;
  private final byte[] blindedElement;

  BlindedInput(byte[] input, BigInteger blind, byte[] blindedElement) {
    this.input = input.clone();
    this.blind = blind;
    this.blindedElement = blindedElement;
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

  @Override
  public String toString() {
    return "BlindedInput[redacted]";
  }
}
