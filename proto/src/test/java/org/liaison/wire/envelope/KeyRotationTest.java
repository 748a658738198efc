package org.liaison.wire.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.pki.NodeCredentials;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Reason;

/**
 * A node's keys rotated while it runs (decision 0028): the opener takes the new encryption key and
 * keeps opening what was sealed to the old one, sessions included; the sealer signs with the new
 * signing key from the next envelope on.
 */
class KeyRotationTest {

  private final TwoAgencies f = new TwoAgencies();

  private static EnvelopeSealer.Outgoing message(String text) {
    return new EnvelopeSealer.Outgoing(
        TwoAgencies.toSkr("liaison.v1.QueryRequest"), text.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(OpenedEnvelope o) {
    return new String(o.payload(), StandardCharsets.UTF_8);
  }

  @Test
  void rotatedEncryptionKey_newOneOpens_andWhatWasSealedToTheOldOneStillOpens() throws Exception {
    EnvelopeOpener skr = f.skrOpener();
    EnvelopeSealer iceBefore = f.iceSealer(); // its directory names skr's current key
    Envelope oldSession1 = iceBefore.sealBatch(List.of(message("old session 1"))).get(0);
    Envelope oldSingle =
        iceBefore.seal(
            TwoAgencies.toSkr("liaison.v1.QueryRequest"),
            "old single".getBytes(StandardCharsets.UTF_8));
    assertThat(text(skr.open(oldSession1))).isEqualTo("old session 1");
    String oldKey = Certificates.fingerprint(f.skrNode.encryptionCertificate());

    NodeCredentials rotated = f.skr.node("node-1"); // new keys; the directory now names them
    skr.addKey(rotated);
    String newKey = Certificates.fingerprint(rotated.encryptionCertificate());
    assertThat(skr.keyIds()).containsExactly(newKey, oldKey);

    EnvelopeSealer iceAfter = new EnvelopeSealer(f.iceNode, f.directory(), f.clock);
    Envelope toNewKey = iceAfter.sealBatch(List.of(message("new key"))).get(0);
    assertThat(TwoAgencies.header(toNewKey).getRecipientKeyId()).isEqualTo(newKey);
    assertThat(text(skr.open(toNewKey))).isEqualTo("new key");
    // in flight under the old key: a single-shot envelope, and the old session's next message
    assertThat(text(skr.open(oldSingle))).isEqualTo("old single");
    Envelope oldSession2 = iceBefore.sealBatch(List.of(message("old session 2"))).get(0);
    assertThat(text(skr.open(oldSession2))).isEqualTo("old session 2");

    // a node started afresh with the new keys only does not open the old key's envelopes
    EnvelopeOpener restarted =
        EnvelopeOpener.builder(rotated, f.directory()).clock(f.clock).build();
    Envelope oldSingle2 =
        iceBefore.seal(
            TwoAgencies.toSkr("liaison.v1.QueryRequest"), "late".getBytes(StandardCharsets.UTF_8));
    assertThat(Refused.reason(() -> restarted.open(oldSingle2))).isEqualTo(Reason.WRONG_RECIPIENT);
    // nor does any opener take another node's credentials
    assertThat(Refused.reason(() -> skr.addKey(f.skrNode2))).isEqualTo(Reason.INTERNAL);
  }

  @Test
  void rotatedSigningKey_signsFromTheNextEnvelope_andVerifies() throws Exception {
    EnvelopeSealer ice = f.iceSealer();
    EnvelopeOpener skr = f.skrOpener();
    Envelope before = ice.sealBatch(List.of(message("before"))).get(0);
    NodeCredentials rotated = f.ice.node("node-1");
    ice.signWith(rotated);
    Envelope after = ice.sealBatch(List.of(message("after"))).get(0);

    String newSigner = Certificates.fingerprint(rotated.signingCertificate());
    assertThat(TwoAgencies.header(before).getSignerKeyId()).isNotEqualTo(newSigner);
    assertThat(TwoAgencies.header(after).getSignerKeyId()).isEqualTo(newSigner);
    EnvelopeOpener skrNow = EnvelopeOpener.builder(f.skrNode, f.directory()).clock(f.clock).build();
    assertThat(text(skr.open(before))).isEqualTo("before");
    OpenedEnvelope opened = skrNow.open(after);
    assertThat(text(opened)).isEqualTo("after");
    assertThat(Certificates.fingerprint(opened.signerCertificate())).isEqualTo(newSigner);
  }
}
