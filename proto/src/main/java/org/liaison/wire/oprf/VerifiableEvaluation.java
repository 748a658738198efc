package org.liaison.wire.oprf;

import java.util.List;

/**
 * A VOPRF server's answer to a batch: one 33-byte evaluated element per blinded element, in order,
 * and one 64-byte DLEQ proof ({@code c || s}) covering the whole batch.
 */
public record VerifiableEvaluation(List<byte[]> evaluatedElements, byte[] proof) {
  public VerifiableEvaluation {
    evaluatedElements = evaluatedElements.stream().map(byte[]::clone).toList();
    proof = proof.clone();
  }

  @Override
  public byte[] proof() {
    return proof.clone();
  }
}
