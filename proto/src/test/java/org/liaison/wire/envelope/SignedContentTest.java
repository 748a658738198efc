package org.liaison.wire.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.wire.envelope.Refused.reason;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.wire.crypto.Sha256;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.v1.Envelope;
import org.liaison.wire.v1.Reason;

/**
 * The verifier hashes an envelope's signed content where the message holds it: the hashes equal
 * those of the assembled bytes the sealer signs, however the message holds its fields (its own
 * arrays, slices of the buffer it was parsed from, a direct buffer), and a changed byte still
 * changes them.
 */
class SignedContentTest {

  private final TwoAgencies f = new TwoAgencies();

  private static byte[] assembled(Envelope e) {
    return SignedContent.of(
        e.getHeader().toByteArray(), e.getEnc().toByteArray(), e.getCiphertext().toByteArray());
  }

  private Envelope sealed() throws Exception {
    return f.iceSealer()
        .seal(
            TwoAgencies.toSkr("liaison.v1.QueryRequest"),
            "where is the container".getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The same envelope, its byte fields slices of one wire buffer (as gRPC parses with aliasing).
   */
  private static Envelope aliased(Envelope e) throws Exception {
    CodedInputStream in = CodedInputStream.newInstance(e.toByteArray());
    in.enableAliasing(true);
    return Envelope.parseFrom(in);
  }

  /** The same envelope, its byte fields held in direct (off-heap) buffers. */
  private static Envelope direct(Envelope e) {
    return e.toBuilder()
        .setHeader(directCopy(e.getHeader()))
        .setEnc(directCopy(e.getEnc()))
        .setCiphertext(directCopy(e.getCiphertext()))
        .build();
  }

  private static ByteString directCopy(ByteString b) {
    ByteBuffer d = ByteBuffer.allocateDirect(b.size());
    b.copyTo(d);
    d.flip();
    return UnsafeByteOperations.unsafeWrap(d);
  }

  @Test
  void theHashesEqualThoseOfTheAssembledBytes_howeverTheMessageHoldsItsFields() throws Exception {
    Envelope e = sealed();
    byte[] signed = assembled(e);
    for (Envelope held : List.of(e, aliased(e), direct(e))) {
      assertThat(SignedContent.digest(held)).isEqualTo(Sha256.digest(signed));
      assertThat(SignedContent.leafHash(held)).isEqualTo(MerkleTree.leafHash(signed));
    }
  }

  @Test
  void emptyFields_keepTheirLengthPrefix() {
    Envelope e = Envelope.newBuilder().setHeader(ByteString.copyFromUtf8("h")).build();
    assertThat(SignedContent.digest(e)).isEqualTo(Sha256.digest(assembled(e)));
    // moving a byte from one field to the next changes the hash: the lengths are covered
    Envelope moved = Envelope.newBuilder().setEnc(ByteString.copyFromUtf8("h")).build();
    assertThat(SignedContent.digest(moved)).isNotEqualTo(SignedContent.digest(e));
  }

  @Test
  void everyChangedByteOfTheSignedFields_changesTheHash() throws Exception {
    Envelope e = sealed();
    byte[] hash = SignedContent.digest(e);
    List<Envelope> changed = new ArrayList<>();
    for (int i = 0; i < e.getHeader().size(); i++) {
      changed.add(e.toBuilder().setHeader(flip(e.getHeader(), i)).build());
    }
    for (int i = 0; i < e.getEnc().size(); i++) {
      changed.add(e.toBuilder().setEnc(flip(e.getEnc(), i)).build());
    }
    for (int i = 0; i < e.getCiphertext().size(); i++) {
      changed.add(e.toBuilder().setCiphertext(flip(e.getCiphertext(), i)).build());
    }
    for (Envelope c : changed) {
      assertThat(SignedContent.digest(c)).isNotEqualTo(hash);
    }
  }

  @Test
  void anEnvelopeParsedWithAliasing_isVerifiedOnce_andItsChangedCiphertextRefused()
      throws Exception {
    Envelope e = sealed();
    Envelope tampered = e.toBuilder().setCiphertext(flip(e.getCiphertext(), 3)).build();
    EnvelopeVerifier gateway = f.skrGateway();

    Envelope forged = aliased(tampered);
    assertThat(reason(() -> gateway.verify(forged))).isEqualTo(Reason.SIGNATURE_INVALID);
    assertThat(gateway.verify(direct(e)).signedContentHash())
        .isEqualTo(Sha256.digest(assembled(e)));
    Envelope again = aliased(e);
    assertThat(reason(() -> gateway.verify(again))).isEqualTo(Reason.REPLAYED_MESSAGE);
  }

  private static ByteString flip(ByteString b, int i) {
    byte[] copy = b.toByteArray();
    copy[i] ^= 0x01;
    return ByteString.copyFrom(copy);
  }
}
