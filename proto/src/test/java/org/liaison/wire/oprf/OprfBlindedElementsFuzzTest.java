package org.liaison.wire.oprf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.wire.oprf.HonestExchange.BLINDED;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.liaison.wire.v1.Reason;

/**
 * Fuzzes the OPRF message the evaluating node decodes (RFC 9497, P256-SHA256): a batch of blinded
 * elements, honest ones with fuzzed edits or fuzzed bytes, evaluated in VOPRF ({@link
 * OprfServer#blindEvaluateVerifiable}) and OPRF mode ({@link OprfServer#blindEvaluate}). Only
 * {@link OprfException} with INVALID_ARGUMENT may escape; an evaluated batch has one element per
 * blinded element.
 */
class OprfBlindedElementsFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void blindedElements(FuzzedDataProvider data) {
    boolean verifiable = data.consumeBoolean();
    int count = data.consumeInt(0, 4);
    List<byte[]> elements = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      elements.add(HonestExchange.edited(data, BLINDED.get(i % BLINDED.size()).blindedElement()));
    }
    try {
      if (verifiable) {
        VerifiableEvaluation v = HonestExchange.VOPRF.blindEvaluateVerifiable(elements);
        assertThat(v.evaluatedElements()).hasSameSizeAs(elements);
      } else {
        assertThat(HonestExchange.OPRF.blindEvaluate(elements)).hasSameSizeAs(elements);
      }
    } catch (OprfException e) {
      assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT);
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
