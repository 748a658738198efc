package org.liaison.wire.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.liaison.wire.crypto.Ecdsa;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.SignedAuditCheckpoint;

/**
 * Signs and checks audit checkpoints. The signature covers a fixed context string, a zero byte and
 * the checkpoint bytes as carried, so a checkpoint signature can never be mistaken for an envelope
 * or agreement signature made with the same key.
 */
public final class AuditCheckpoints {
  static final byte[] CONTEXT = "liaison-audit-checkpoint-v1".getBytes(StandardCharsets.US_ASCII);

  private AuditCheckpoints() {}

  /** Signs a tree head with the node's signing key; the key id is the certificate's hash. */
  public static SignedAuditCheckpoint sign(
      PrivateKey key,
      X509Certificate certificate,
      String agency,
      String node,
      long treeSize,
      byte[] root,
      long timestampMs)
      throws InvalidKeyException {
    byte[] checkpoint =
        AuditCheckpoint.newBuilder()
            .setAgency(agency)
            .setNode(node)
            .setTreeSize(treeSize)
            .setRootHash(ByteString.copyFrom(root))
            .setTimestampMs(timestampMs)
            .setSignerKeyId(Certificates.fingerprint(certificate))
            .build()
            .toByteArray();
    return SignedAuditCheckpoint.newBuilder()
        .setCheckpoint(ByteString.copyFrom(checkpoint))
        .setSignature(ByteString.copyFrom(Ecdsa.sign(key, signed(checkpoint))))
        .build();
  }

  /** The checkpoint, if its bytes parse; says nothing about the signature. */
  public static Optional<AuditCheckpoint> parse(SignedAuditCheckpoint signed) {
    try {
      return Optional.of(AuditCheckpoint.parseFrom(signed.getCheckpoint()));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  /**
   * The checkpoint, if {@code signer} is a node signing certificate ({@link
   * CertificateRole#NODE_SIGNING}), signed it and is the certificate it names; empty otherwise.
   * Whether {@code signer} belongs to the agency, and is current, is the caller's check.
   */
  public static Optional<AuditCheckpoint> verify(
      SignedAuditCheckpoint signed, X509Certificate signer) {
    Optional<AuditCheckpoint> c = parse(signed);
    if (c.isEmpty()
        || !CertificateRole.NODE_SIGNING.isHeldBy(signer)
        || !c.get().getSignerKeyId().equals(Certificates.fingerprint(signer))
        || !Ecdsa.verify(
            signer.getPublicKey(),
            signed(signed.getCheckpoint().toByteArray()),
            signed.getSignature().toByteArray())) {
      return Optional.empty();
    }
    return c;
  }

  private static byte[] signed(byte[] checkpoint) {
    byte[] out = new byte[CONTEXT.length + 1 + checkpoint.length];
    System.arraycopy(CONTEXT, 0, out, 0, CONTEXT.length);
    System.arraycopy(checkpoint, 0, out, CONTEXT.length + 1, checkpoint.length);
    return out;
  }
}
