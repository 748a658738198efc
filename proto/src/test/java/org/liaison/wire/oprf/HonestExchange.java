package org.liaison.wire.oprf;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An honest VOPRF exchange for the OPRF fuzz targets, and the fuzzed edits they make to it. */
final class HonestExchange {
  private static final byte[] SEED =
      "a fixed 32-byte seed for fuzzing, not a secret".getBytes(StandardCharsets.UTF_8);
  static final OprfKeyPair KEY = OprfKeyPair.derive(OprfMode.VOPRF, SEED, "partner us.dea");
  static final OprfServer VOPRF = new OprfServer(KEY, OprfMode.VOPRF);
  static final OprfServer OPRF =
      new OprfServer(OprfKeyPair.derive(OprfMode.OPRF, SEED, "partner us.dea"), OprfMode.OPRF);
  static final OprfClient CLIENT = new OprfClient(OprfMode.VOPRF);
  static final List<BlindedInput> BLINDED = new ArrayList<>();
  static final VerifiableEvaluation EVALUATION;
  static final List<byte[]> OUTPUTS;

  static {
    for (String id : List.of("+13055550142", "ivan.petrov@example.org", "1HGCM82633A004352")) {
      BLINDED.add(CLIENT.blind(id.getBytes(StandardCharsets.UTF_8)));
    }
    EVALUATION =
        VOPRF.blindEvaluateVerifiable(BLINDED.stream().map(BlindedInput::blindedElement).toList());
    OUTPUTS = CLIENT.finalizeVerifiable(BLINDED, EVALUATION, KEY.publicKey());
  }

  private HonestExchange() {}

  /** The honest bytes with a few fuzzed edits, or fuzzed bytes altogether. */
  static byte[] edited(FuzzedDataProvider data, byte[] honest) {
    if (data.consumeBoolean()) {
      return data.consumeBytes(OprfGroup.ELEMENT_LENGTH + 2);
    }
    byte[] b = honest.clone();
    int edits = data.consumeInt(0, 3);
    for (int i = 0; i < edits && b.length > 0; i++) {
      b[data.consumeInt(0, b.length - 1)] ^= data.consumeByte();
    }
    return b;
  }
}
