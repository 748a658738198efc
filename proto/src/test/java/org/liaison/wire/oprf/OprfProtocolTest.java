package org.liaison.wire.oprf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.liaison.wire.v1.Reason;

class OprfProtocolTest {
  private static final byte[] SEED = new byte[32];
  private static final byte[] INPUT = "+13055550142".getBytes(StandardCharsets.US_ASCII);

  @Test
  void finalize_sameInputSameKey_givesSameOutputWhateverTheBlind() {
    OprfServer server = new OprfServer(OprfKeyPair.derive(OprfMode.OPRF, SEED, "k"), OprfMode.OPRF);
    OprfClient client = new OprfClient(OprfMode.OPRF);
    BlindedInput b1 = client.blind(INPUT);
    BlindedInput b2 = client.blind(INPUT);
    assertThat(b1.blindedElement()).isNotEqualTo(b2.blindedElement());
    byte[] o1 = client.finalize(b1, server.blindEvaluate(List.of(b1.blindedElement())).get(0));
    byte[] o2 = client.finalize(b2, server.blindEvaluate(List.of(b2.blindedElement())).get(0));
    assertThat(o1).hasSize(32).isEqualTo(o2);
  }

  @Test
  void evaluate_equalsBlindEvaluateFinalize() {
    OprfServer server =
        new OprfServer(OprfKeyPair.derive(OprfMode.VOPRF, SEED, "k"), OprfMode.VOPRF);
    OprfClient client = new OprfClient(OprfMode.VOPRF);
    BlindedInput b = client.blind(INPUT);
    List<byte[]> out =
        client.finalizeVerifiable(
            List.of(b),
            server.blindEvaluateVerifiable(List.of(b.blindedElement())),
            server.publicKey());
    assertThat(server.evaluate(INPUT)).isEqualTo(out.get(0));
  }

  @Test
  void finalize_otherKey_givesOtherOutput() {
    OprfClient client = new OprfClient(OprfMode.OPRF);
    BlindedInput b = client.blind(INPUT);
    byte[] o1 =
        client.finalize(
            b,
            new OprfServer(OprfKeyPair.derive(OprfMode.OPRF, SEED, "a"), OprfMode.OPRF)
                .blindEvaluate(List.of(b.blindedElement()))
                .get(0));
    byte[] o2 =
        client.finalize(
            b,
            new OprfServer(OprfKeyPair.derive(OprfMode.OPRF, SEED, "b"), OprfMode.OPRF)
                .blindEvaluate(List.of(b.blindedElement()))
                .get(0));
    assertThat(o1).isNotEqualTo(o2);
  }

  @Test
  void blindEvaluate_rejectsIdentityOffCurveAndMalformedElements() {
    OprfServer server = new OprfServer(OprfKeyPair.derive(OprfMode.OPRF, SEED, "k"), OprfMode.OPRF);
    byte[] good = new OprfClient(OprfMode.OPRF).blind(INPUT).blindedElement();
    byte[] identity = new byte[] {0x00};
    byte[] uncompressedPrefix = good.clone();
    uncompressedPrefix[0] = 0x04;
    byte[] notOnCurve = offCurveX();
    byte[] xTooBig = new byte[33];
    xTooBig[0] = 0x02;
    Arrays.fill(xTooBig, 1, 33, (byte) 0xFF);
    for (byte[] bad :
        List.of(
            identity,
            new byte[33],
            uncompressedPrefix,
            notOnCurve,
            xTooBig,
            Arrays.copyOf(good, 32))) {
      assertThatThrownBy(() -> server.blindEvaluate(List.of(good, bad)))
          .isInstanceOf(OprfException.class)
          .hasMessageContaining("blinded element 1 rejected")
          .extracting(e -> ((OprfException) e).reason())
          .isEqualTo(Reason.INVALID_ARGUMENT);
    }
  }

  @Test
  void finalize_rejectsInvalidEvaluatedElement() {
    OprfClient client = new OprfClient(OprfMode.OPRF);
    BlindedInput b = client.blind(INPUT);
    assertThatThrownBy(() -> client.finalize(b, offCurveX())).isInstanceOf(OprfException.class);
    assertThatThrownBy(() -> client.finalize(b, new byte[] {0})).isInstanceOf(OprfException.class);
  }

  @Test
  void blindEvaluate_rejectsEmptyAndOversizedBatches() {
    OprfServer server = new OprfServer(OprfKeyPair.derive(OprfMode.OPRF, SEED, "k"), OprfMode.OPRF);
    byte[] good = new OprfClient(OprfMode.OPRF).blind(INPUT).blindedElement();
    assertThatThrownBy(() -> server.blindEvaluate(List.of())).isInstanceOf(OprfException.class);
    List<byte[]> tooMany = new ArrayList<>();
    for (int i = 0; i <= OprfServer.MAX_BATCH; i++) {
      tooMany.add(good);
    }
    assertThatThrownBy(() -> server.blindEvaluate(tooMany)).hasMessageContaining("between 1 and");
  }

  @Test
  void finalizeVerifiable_keyOtherThanCommitted_isRejected() {
    OprfKeyPair committed = OprfKeyPair.derive(OprfMode.VOPRF, SEED, "committed");
    OprfKeyPair taggingKey = OprfKeyPair.derive(OprfMode.VOPRF, SEED, "per-probe");
    OprfClient client = new OprfClient(OprfMode.VOPRF);
    List<BlindedInput> blinded =
        List.of(client.blind(INPUT), client.blind("x".getBytes(StandardCharsets.US_ASCII)));
    List<byte[]> elements = blinded.stream().map(BlindedInput::blindedElement).toList();

    VerifiableEvaluation honest =
        new OprfServer(committed, OprfMode.VOPRF).blindEvaluateVerifiable(elements);
    assertThat(client.finalizeVerifiable(blinded, honest, committed.publicKey())).hasSize(2);

    VerifiableEvaluation cheating =
        new OprfServer(taggingKey, OprfMode.VOPRF).blindEvaluateVerifiable(elements);
    assertThatThrownBy(() -> client.finalizeVerifiable(blinded, cheating, committed.publicKey()))
        .isInstanceOf(OprfException.class)
        .extracting(e -> ((OprfException) e).reason())
        .isEqualTo(Reason.SIGNATURE_INVALID);

    // Swapping two evaluated elements breaks the batch proof too.
    VerifiableEvaluation swapped =
        new VerifiableEvaluation(
            List.of(honest.evaluatedElements().get(1), honest.evaluatedElements().get(0)),
            honest.proof());
    assertThatThrownBy(() -> client.finalizeVerifiable(blinded, swapped, committed.publicKey()))
        .isInstanceOf(OprfException.class);
  }

  @Test
  void server_wrongModeCall_isRefused() {
    OprfServer oprf = new OprfServer(OprfKeyPair.derive(OprfMode.OPRF, SEED, "k"), OprfMode.OPRF);
    byte[] e = new OprfClient(OprfMode.OPRF).blind(INPUT).blindedElement();
    assertThatThrownBy(() -> oprf.blindEvaluateVerifiable(List.of(e)))
        .hasMessageContaining("OPRF mode");
  }

  @Test
  void deriveKeyPair_shortSeed_isRefused() {
    assertThatThrownBy(() -> OprfKeyPair.derive(OprfMode.OPRF, new byte[16], "k"))
        .hasMessageContaining("at least 32 bytes");
  }

  @Test
  void serializeScalar_rejectsValuesNotBelowTheOrder() {
    assertThatThrownBy(
            () -> OprfGroup.deserializeScalar(OprfGroup.serializeScalar(OprfGroup.ORDER)))
        .isInstanceOf(OprfException.class);
    assertThat(OprfGroup.deserializeScalar(OprfGroup.serializeScalar(BigInteger.TEN)))
        .isEqualTo(BigInteger.TEN);
  }

  @Test
  void toString_doesNotRevealInputOrSecret() {
    BlindedInput b = new OprfClient(OprfMode.OPRF).blind(INPUT);
    OprfKeyPair k = OprfKeyPair.derive(OprfMode.OPRF, SEED, "k");
    assertThat(b.toString()).doesNotContain("+1305");
    assertThat(k.toString()).doesNotContain(Hex.toHexString(k.secretBytes()));
  }

  /** A compressed encoding whose x has no point on P-256. */
  private static byte[] offCurveX() {
    for (int x = 1; ; x++) {
      byte[] enc = new byte[33];
      enc[0] = 0x02;
      enc[32] = (byte) x;
      try {
        OprfGroup.CURVE.decodePoint(enc);
      } catch (IllegalArgumentException e) {
        return enc;
      }
    }
  }
}
