package org.liaison.wire.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.wire.vectors.OfficialVectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.liaison.wire.vectors.OfficialVectors;

/**
 * RFC 9180 vectors for mode 0, DHKEM(P-256, HKDF-SHA256) (16), HKDF-SHA256 (1), AES-256-GCM (2):
 * the key schedule (with our HKDF), the encapsulation with the given ephemeral key, every
 * encryption in sequence on both sides, and every export.
 */
class HpkeVectorsTest {

  private static final byte[] SUITE_ID = {'H', 'P', 'K', 'E', 0, 16, 0, 1, 0, 2};

  @Test
  void vectors_baseModeP256Sha256Aes256Gcm() throws Exception {
    JsonNode all = OfficialVectors.load("hpke/test-vectors.json");
    int entries = 0;
    int encryptions = 0;
    int exports = 0;
    for (JsonNode v : all) {
      if (v.get("mode").asInt() != 0
          || v.get("kem_id").asInt() != 16
          || v.get("kdf_id").asInt() != 1
          || v.get("aead_id").asInt() != 2) {
        continue;
      }
      entries++;
      byte[] info = hex(v.get("info"));
      checkKeySchedule(v);

      Hpke.SenderContext sender =
          Hpke.setupBaseS(hex(v.get("pkRm")), info, hex(v.get("skEm")), hex(v.get("pkEm")));
      assertThat(sender.enc()).isEqualTo(hex(v.get("enc")));
      Hpke.ReceiverContext receiver =
          Hpke.setupBaseR(hex(v.get("enc")), hex(v.get("skRm")), hex(v.get("pkRm")), info);

      byte[] key = hex(v.get("key"));
      byte[] baseNonce = hex(v.get("base_nonce"));
      long seq = 0;
      for (JsonNode e : v.get("encryptions")) {
        byte[] aad = hex(e.get("aad"));
        byte[] pt = hex(e.get("pt"));
        byte[] ct = hex(e.get("ct"));
        assertThat(hex(e.get("nonce"))).isEqualTo(nonce(baseNonce, seq));
        assertThat(AesGcm.seal(key, nonce(baseNonce, seq), aad, pt)).isEqualTo(ct);
        assertThat(sender.seal(aad, pt)).as("seal seq %d", seq).isEqualTo(ct);
        assertThat(receiver.open(aad, ct)).as("open seq %d", seq).isEqualTo(pt);
        seq++;
        encryptions++;
      }
      for (JsonNode x : v.get("exports")) {
        byte[] ctx = hex(x.get("exporter_context"));
        int length = x.get("L").asInt();
        byte[] expected = hex(x.get("exported_value"));
        assertThat(sender.export(ctx, length)).isEqualTo(expected);
        assertThat(receiver.export(ctx, length)).isEqualTo(expected);
        exports++;
      }
    }
    assertThat(entries).isEqualTo(1);
    assertThat(encryptions).isEqualTo(257);
    assertThat(exports).isEqualTo(3);
  }

  /** RFC 9180 section 5.1 KeySchedule, recomputed from shared_secret with our HKDF. */
  private static void checkKeySchedule(JsonNode v) {
    byte[] empty = new byte[0];
    byte[] pskIdHash = labeledExtract(empty, "psk_id_hash", empty);
    byte[] infoHash = labeledExtract(empty, "info_hash", hex(v.get("info")));
    byte[] context = concat(new byte[] {0}, pskIdHash, infoHash);
    assertThat(context).isEqualTo(hex(v.get("key_schedule_context")));
    byte[] secret = labeledExtract(hex(v.get("shared_secret")), "secret", empty);
    assertThat(secret).isEqualTo(hex(v.get("secret")));
    assertThat(labeledExpand(secret, "key", context, 32)).isEqualTo(hex(v.get("key")));
    assertThat(labeledExpand(secret, "base_nonce", context, 12))
        .isEqualTo(hex(v.get("base_nonce")));
    assertThat(labeledExpand(secret, "exp", context, 32)).isEqualTo(hex(v.get("exporter_secret")));
  }

  private static byte[] labeledExtract(byte[] salt, String label, byte[] ikm) {
    return Hkdf.extract(salt, concat(ascii("HPKE-v1"), SUITE_ID, ascii(label), ikm));
  }

  private static byte[] labeledExpand(byte[] prk, String label, byte[] info, int length) {
    byte[] l = {(byte) (length >> 8), (byte) length};
    return Hkdf.expand(prk, concat(l, ascii("HPKE-v1"), SUITE_ID, ascii(label), info), length);
  }

  private static byte[] nonce(byte[] base, long seq) {
    byte[] n = base.clone();
    for (int i = 0; i < 8; i++) {
      n[n.length - 1 - i] ^= (byte) (seq >>> (8 * i));
    }
    return n;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
