package org.liaison.wire.oprf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecodedKeysTest {
  private static final byte[] SEED = new byte[32];

  @Test
  void aKeyIsDecodedOnce_andAnotherKeyIsItsOwnPoint() {
    DecodedKeys keys = new DecodedKeys();
    byte[] a = OprfKeyPair.derive(OprfMode.VOPRF, SEED, "a").publicKey();
    byte[] b = OprfKeyPair.derive(OprfMode.VOPRF, SEED, "b").publicKey();

    assertThat(keys.point(a)).isSameAs(keys.point(a.clone()));
    assertThat(keys.point(a)).isEqualTo(OprfGroup.deserializeElement(a));
    assertThat(keys.point(b))
        .isEqualTo(OprfGroup.deserializeElement(b))
        .isNotEqualTo(keys.point(a));
  }

  @Test
  void bytesChangedAfterwards_doNotChangeTheKeptKey() {
    DecodedKeys keys = new DecodedKeys();
    byte[] a = OprfKeyPair.derive(OprfMode.VOPRF, SEED, "a").publicKey();
    byte[] original = a.clone();
    keys.point(a);
    a[5] ^= 1;
    assertThat(keys.point(original)).isEqualTo(OprfGroup.deserializeElement(original));
  }

  @Test
  void anInvalidKey_isRefusedEveryTime() {
    DecodedKeys keys = new DecodedKeys();
    byte[] wrongPrefix = OprfKeyPair.derive(OprfMode.VOPRF, SEED, "a").publicKey();
    wrongPrefix[0] = 0x04;
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> keys.point(wrongPrefix)).isInstanceOf(OprfException.class);
    }
    assertThatThrownBy(() -> keys.point(null)).isInstanceOf(OprfException.class);
    assertThatThrownBy(() -> keys.point(new byte[33])).isInstanceOf(OprfException.class);
  }

  @Test
  void pastItsBound_itStartsAgain_andStillAnswersEveryKey() {
    DecodedKeys keys = new DecodedKeys();
    byte[] first = OprfKeyPair.derive(OprfMode.VOPRF, SEED, "k0").publicKey();
    for (int i = 0; i <= DecodedKeys.MAX; i++) {
      byte[] k = OprfKeyPair.derive(OprfMode.VOPRF, SEED, "k" + i).publicKey();
      assertThat(keys.point(k)).isEqualTo(OprfGroup.deserializeElement(k));
    }
    assertThat(keys.point(first)).isEqualTo(OprfGroup.deserializeElement(first));
  }

  @Test
  void aClientKeepsTheBlindedPoint_itSends() {
    OprfClient client = new OprfClient(OprfMode.VOPRF);
    BlindedInput b = client.blind("+13055550142".getBytes(StandardCharsets.US_ASCII));
    assertThat(OprfGroup.deserializeElement(b.blindedElement())).isEqualTo(b.blindedPoint());
    OprfServer server =
        new OprfServer(OprfKeyPair.derive(OprfMode.VOPRF, SEED, "k"), OprfMode.VOPRF);
    List<byte[]> out =
        client.finalizeVerifiable(
            List.of(b),
            server.blindEvaluateVerifiable(List.of(b.blindedElement())),
            server.publicKey());
    assertThat(out.get(0))
        .isEqualTo(server.evaluate("+13055550142".getBytes(StandardCharsets.US_ASCII)));
  }
}
