package org.liaison.wire.oprf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.wire.oprf.HonestExchange.EVALUATION;
import static org.liaison.wire.oprf.HonestExchange.OUTPUTS;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.liaison.wire.v1.Reason;

/**
 * Fuzzes the OPRF answer the asking node decodes and checks ({@link
 * OprfClient#finalizeVerifiable}): an honest VOPRF evaluation with fuzzed edits to its elements,
 * its DLEQ proof or the partner's public key, or elements added and removed, so that mutations
 * reach the proof check. Only {@link OprfException} may escape (INVALID_ARGUMENT, or
 * SIGNATURE_INVALID for a proof that does not verify), and an altered answer never yields PRF
 * values other than the honest ones.
 */
class OprfEvaluationFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void evaluation(FuzzedDataProvider data) {
    List<byte[]> evaluated = new ArrayList<>(EVALUATION.evaluatedElements());
    byte[] proof = EVALUATION.proof();
    byte[] publicKey = HonestExchange.KEY.publicKey();
    int changes = data.consumeInt(0, 3);
    for (int i = 0; i < changes; i++) {
      switch (data.consumeInt(0, 4)) {
        case 0 -> {
          int at = data.consumeInt(0, evaluated.size() - 1);
          evaluated.set(at, HonestExchange.edited(data, evaluated.get(at)));
        }
        case 1 -> proof = HonestExchange.edited(data, proof);
        case 2 -> {
          evaluated.remove(evaluated.size() - 1);
          if (evaluated.isEmpty()) {
            evaluated.add(HonestExchange.edited(data, EVALUATION.evaluatedElements().get(0)));
          }
        }
        case 3 -> evaluated.add(HonestExchange.edited(data, EVALUATION.evaluatedElements().get(0)));
        default -> publicKey = HonestExchange.edited(data, publicKey);
      }
    }
    List<byte[]> outputs;
    try {
      outputs =
          HonestExchange.CLIENT.finalizeVerifiable(
              HonestExchange.BLINDED, new VerifiableEvaluation(evaluated, proof), publicKey);
    } catch (OprfException e) {
      assertThat(e.reason()).isIn(Reason.INVALID_ARGUMENT, Reason.SIGNATURE_INVALID);
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(outputs).hasSameSizeAs(OUTPUTS);
    for (int i = 0; i < outputs.size(); i++) {
      assertThat(outputs.get(i))
          .as("PRF value %d from an altered answer", i)
          .isEqualTo(OUTPUTS.get(i));
    }
  }
}
