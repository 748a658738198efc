package org.liaison.wire.oprf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.liaison.wire.vectors.OfficialVectors;

/** Every RFC 9497 P256-SHA256 vector in modes 0 and 1. */
class OprfVectorsTest {

  @Test
  void oprfMode0_matchesEveryP256Vector() {
    JsonNode suite = suite(0);
    OprfKeyPair key =
        OprfKeyPair.derive(OprfMode.OPRF, hex(suite.get("seed")), hex(suite.get("keyInfo")));
    assertThat(Hex.toHexString(key.secretBytes())).isEqualTo(suite.get("skSm").asText());
    OprfClient client = new OprfClient(OprfMode.OPRF);
    OprfServer server = new OprfServer(key, OprfMode.OPRF);
    int checked = 0;
    for (JsonNode v : suite.get("vectors")) {
      assertThat(v.get("Batch").asInt()).isEqualTo(1);
      BlindedInput b = client.blind(hex(v.get("Input")), new BigInteger(1, hex(v.get("Blind"))));
      assertThat(Hex.toHexString(b.blindedElement())).isEqualTo(v.get("BlindedElement").asText());
      byte[] evaluated = server.blindEvaluate(List.of(b.blindedElement())).get(0);
      assertThat(Hex.toHexString(evaluated)).isEqualTo(v.get("EvaluationElement").asText());
      assertThat(Hex.toHexString(client.finalize(b, evaluated)))
          .isEqualTo(v.get("Output").asText());
      checked++;
    }
    assertThat(checked).isEqualTo(2);
  }

  @Test
  void voprfMode1_matchesEveryP256VectorIncludingTheBatch() {
    JsonNode suite = suite(1);
    OprfKeyPair key =
        OprfKeyPair.derive(OprfMode.VOPRF, hex(suite.get("seed")), hex(suite.get("keyInfo")));
    assertThat(Hex.toHexString(key.secretBytes())).isEqualTo(suite.get("skSm").asText());
    assertThat(Hex.toHexString(key.publicKey())).isEqualTo(suite.get("pkSm").asText());
    OprfClient client = new OprfClient(OprfMode.VOPRF);
    OprfServer server = new OprfServer(key, OprfMode.VOPRF);
    int checked = 0;
    int batched = 0;
    for (JsonNode v : suite.get("vectors")) {
      String[] inputs = v.get("Input").asText().split(",");
      String[] blinds = v.get("Blind").asText().split(",");
      assertThat(inputs).hasSize(v.get("Batch").asInt());
      List<BlindedInput> blinded = new ArrayList<>();
      for (int i = 0; i < inputs.length; i++) {
        blinded.add(client.blind(Hex.decode(inputs[i]), new BigInteger(1, Hex.decode(blinds[i]))));
      }
      assertThat(
              String.join(
                  ",", blinded.stream().map(b -> Hex.toHexString(b.blindedElement())).toList()))
          .isEqualTo(v.get("BlindedElement").asText());
      VerifiableEvaluation ev =
          server.blindEvaluateVerifiable(
              blinded.stream().map(BlindedInput::blindedElement).toList(),
              new BigInteger(1, hex(v.get("Proof").get("r"))));
      assertThat(String.join(",", ev.evaluatedElements().stream().map(Hex::toHexString).toList()))
          .isEqualTo(v.get("EvaluationElement").asText());
      assertThat(Hex.toHexString(ev.proof())).isEqualTo(v.get("Proof").get("proof").asText());
      List<byte[]> outputs = client.finalizeVerifiable(blinded, ev, key.publicKey());
      assertThat(String.join(",", outputs.stream().map(Hex::toHexString).toList()))
          .isEqualTo(v.get("Output").asText());
      checked++;
      batched += inputs.length > 1 ? 1 : 0;
    }
    assertThat(checked).isEqualTo(3);
    assertThat(batched).isEqualTo(1);
  }

  private static JsonNode suite(int mode) {
    JsonNode all = OfficialVectors.load("oprf/allVectors.json");
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode s : all) {
      if (s.get("identifier").asText().equals("P256-SHA256") && s.get("mode").asInt() == mode) {
        found.add(s);
      }
    }
    assertThat(found).hasSize(1);
    // groupDST in the file must be the HashToGroup DST we compute.
    assertThat(found.get(0).get("groupDST").asText())
        .isEqualTo(
            Hex.toHexString((mode == 0 ? OprfMode.OPRF : OprfMode.VOPRF).dst("HashToGroup-")));
    return found.get(0);
  }

  private static byte[] hex(JsonNode n) {
    return Hex.decode(n.asText());
  }
}
