package org.liaison.wire.oprf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liaison.wire.vectors.OfficialVectors;

class HashToCurveTest {

  @Test
  void hashToCurve_matchesEveryRfc9380Vector() {
    JsonNode suite = OfficialVectors.load("h2c/P256_XMD:SHA-256_SSWU_RO_.json");
    byte[] dst = suite.get("dst").asText().getBytes(StandardCharsets.US_ASCII);
    int checked = 0;
    for (JsonNode v : suite.get("vectors")) {
      ECPoint p =
          HashToCurve.hashToCurve(v.get("msg").asText().getBytes(StandardCharsets.US_ASCII), dst);
      assertThat(p.getAffineXCoord().toBigInteger()).isEqualTo(hex0x(v.get("P").get("x")));
      assertThat(p.getAffineYCoord().toBigInteger()).isEqualTo(hex0x(v.get("P").get("y")));
      checked++;
    }
    assertThat(checked).isEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"h2c/expand_message_xmd_SHA256_38.json", "h2c/expand_message_xmd_SHA256_256.json"})
  void expandMessageXmd_matchesEveryRfc9380Vector(String file) {
    JsonNode suite = OfficialVectors.load(file);
    byte[] dst = suite.get("DST").asText().getBytes(StandardCharsets.US_ASCII);
    int checked = 0;
    for (JsonNode t : suite.get("tests")) {
      int len = Integer.decode(t.get("len_in_bytes").asText());
      byte[] out =
          HashToCurve.expandMessageXmd(
              t.get("msg").asText().getBytes(StandardCharsets.US_ASCII), dst, len);
      assertThat(Hex.toHexString(out)).isEqualTo(t.get("uniform_bytes").asText());
      checked++;
    }
    assertThat(checked).isEqualTo(10);
  }

  @Test
  void hashToScalar_isReducedAndDomainSeparated() {
    byte[] msg = "liaison".getBytes(StandardCharsets.US_ASCII);
    BigInteger a = HashToCurve.hashToScalar(msg, "DST-A".getBytes(StandardCharsets.US_ASCII));
    BigInteger b = HashToCurve.hashToScalar(msg, "DST-B".getBytes(StandardCharsets.US_ASCII));
    assertThat(a).isLessThan(OprfGroup.ORDER).isNotEqualTo(b);
  }

  private static BigInteger hex0x(JsonNode n) {
    return new BigInteger(n.asText().substring(2), 16);
  }
}
