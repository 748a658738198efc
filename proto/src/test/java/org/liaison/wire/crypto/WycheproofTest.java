package org.liaison.wire.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.liaison.wire.vectors.OfficialVectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.Arrays;
import org.junit.jupiter.api.Test;
import org.liaison.wire.vectors.OfficialVectors;

/**
 * Every case of the Wycheproof files for the primitives we use. Valid cases must pass, invalid ones
 * must fail, acceptable ones may do either; each test asserts how many cases it ran.
 */
class WycheproofTest {

  @Test
  void ecdsaDer_everyCase() throws Exception {
    assertThat(runEcdsa("wycheproof/ecdsa_secp256r1_sha256_test.json", false)).isEqualTo(484);
  }

  @Test
  void ecdsaP1363_everyCase() throws Exception {
    assertThat(runEcdsa("wycheproof/ecdsa_secp256r1_sha256_p1363_test.json", true)).isEqualTo(262);
  }

  private int runEcdsa(String file, boolean p1363) throws Exception {
    JsonNode root = OfficialVectors.load(file);
    KeyFactory kf = KeyFactory.getInstance("EC", new BouncyCastleProvider());
    int count = 0;
    for (JsonNode group : root.get("testGroups")) {
      PublicKey key = kf.generatePublic(new X509EncodedKeySpec(hex(group.get("publicKeyDer"))));
      for (JsonNode t : group.get("tests")) {
        byte[] msg = hex(t.get("msg"));
        byte[] sig = hex(t.get("sig"));
        boolean ok = p1363 ? Ecdsa.verifyP1363(key, msg, sig) : Ecdsa.verify(key, msg, sig);
        expect(t, ok);
        count++;
      }
    }
    assertThat(count).isEqualTo(root.get("numberOfTests").asInt());
    return count;
  }

  @Test
  void ecdhEcpoint_everyCase() throws Exception {
    assertThat(runEcdh("wycheproof/ecdh_secp256r1_ecpoint_test.json", false)).isEqualTo(355);
  }

  @Test
  void ecdhSpki_everyCase() throws Exception {
    assertThat(runEcdh("wycheproof/ecdh_secp256r1_test.json", true)).isEqualTo(612);
  }

  private int runEcdh(String file, boolean spki) throws Exception {
    JsonNode root = OfficialVectors.load(file);
    int count = 0;
    for (JsonNode group : root.get("testGroups")) {
      for (JsonNode t : group.get("tests")) {
        BigInteger d = new BigInteger(1, hex(t.get("private")));
        byte[] pub = hex(t.get("public"));
        byte[] shared;
        try {
          shared = spki ? Ecdh.sharedSecretFromSpki(d, pub) : Ecdh.sharedSecret(d, pub);
        } catch (java.security.InvalidKeyException e) {
          shared = null;
        }
        boolean ok = shared != null && Arrays.areEqual(shared, hex(t.get("shared")));
        expect(t, ok);
        count++;
      }
    }
    assertThat(count).isEqualTo(root.get("numberOfTests").asInt());
    return count;
  }

  @Test
  void aesGcm_everyCase() throws Exception {
    JsonNode root = OfficialVectors.load("wycheproof/aes_gcm_test.json");
    int supported = 0;
    int refused = 0;
    for (JsonNode group : root.get("testGroups")) {
      boolean ours = group.get("keySize").asInt() == 256 && group.get("ivSize").asInt() == 96;
      for (JsonNode t : group.get("tests")) {
        byte[] key = hex(t.get("key"));
        byte[] iv = hex(t.get("iv"));
        byte[] aad = hex(t.get("aad"));
        byte[] msg = hex(t.get("msg"));
        byte[] ctTag = Arrays.concatenate(hex(t.get("ct")), hex(t.get("tag")));
        if (!ours) {
          // The suite only uses 256-bit keys with 96-bit nonces; everything else is refused.
          assertThatThrownBy(() -> AesGcm.seal(key, iv, aad, msg))
              .isInstanceOf(IllegalArgumentException.class);
          refused++;
          continue;
        }
        boolean ok;
        try {
          ok = Arrays.areEqual(AesGcm.open(key, iv, aad, ctTag), msg);
        } catch (AEADBadTagException e) {
          ok = false;
        }
        expect(t, ok);
        if ("valid".equals(t.get("result").asText())) {
          assertThat(AesGcm.seal(key, iv, aad, msg)).isEqualTo(ctTag);
        }
        supported++;
      }
    }
    assertThat(supported).isEqualTo(66);
    assertThat(supported + refused).isEqualTo(root.get("numberOfTests").asInt());
  }

  @Test
  void hkdf_everyCase() throws Exception {
    JsonNode root = OfficialVectors.load("wycheproof/hkdf_sha256_test.json");
    int count = 0;
    int refused = 0;
    for (JsonNode group : root.get("testGroups")) {
      for (JsonNode t : group.get("tests")) {
        boolean ok;
        try {
          byte[] okm =
              Hkdf.derive(
                  hex(t.get("ikm")), hex(t.get("salt")), hex(t.get("info")), t.get("size").asInt());
          ok = Arrays.areEqual(okm, hex(t.get("okm")));
        } catch (IllegalArgumentException e) {
          ok = false;
        }
        expect(t, ok);
        refused += ok ? 0 : 1;
        count++;
      }
    }
    // every case of the file ran, and the file's invalid cases (oversized output) were refused
    assertThat(count).isEqualTo(root.get("numberOfTests").asInt());
    assertThat(refused).isPositive();
  }

  private static void expect(JsonNode t, boolean ok) {
    String result = t.get("result").asText();
    String id = "tcId " + t.get("tcId").asInt() + " (" + t.get("comment").asText() + ")";
    if ("valid".equals(result)) {
      assertThat(ok).as("valid case must pass: " + id).isTrue();
    } else if ("invalid".equals(result)) {
      assertThat(ok).as("invalid case must fail: " + id).isFalse();
    }
  }
}
