package org.liaison.wire.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.liaison.wire.merkle.MerkleFrontier;
import org.liaison.wire.merkle.MerkleTree;
import org.liaison.wire.pki.Certificates;
import org.liaison.wire.v1.AuditBundle;
import org.liaison.wire.v1.AuditCheckpoint;
import org.liaison.wire.v1.AuditEntry;
import org.liaison.wire.v1.AuditRecord;
import org.liaison.wire.v1.SignedAuditCheckpoint;

/**
 * Checks an audit bundle with nothing but the bundle: the signing certificates chain to the agency
 * CA in it, every entry hashes to its leaf, sits at its own index, and is covered by the checkpoint
 * stored with it: the checkpoint the node signed after the last entry of the batch the entry was
 * committed in (decision 0011; a batch of one entry is the case of decision 0006), whose tree head
 * equals the tree after that last entry; the last checkpoint covers the whole log. The first
 * problem names the entry (or the batch) where history was altered, removed, inserted or reordered.
 * Compare {@link Report#caFingerprint()} with the agency's published CA fingerprint.
 */
public final class AuditBundleVerifier {
  private static final int MAX_PROBLEMS = 50;

  /** The outcome; {@code firstBadIndex} is -1 when the bundle verifies. */
  public record Report(
      boolean ok,
      long treeSize,
      byte[] root,
      String caFingerprint,
      long firstBadIndex,
      List<String> problems) {}

  private final List<String> problems = new ArrayList<>();
  private long firstBad = -1;
  private boolean diverged;
  // the open batch: entries from batchStart share a checkpoint of tree size batchEnd (0: none)
  private long batchStart;
  private long batchEnd;
  // what the first part told: whose log it is, and the certificates its checkpoints verify under
  private AuditBundle header;
  private Chain chain;
  private final MerkleFrontier tree = MerkleFrontier.empty();
  private SignedAuditCheckpoint finalCheckpoint;

  private AuditBundleVerifier() {}

  public static Report verify(AuditBundle bundle) {
    Parts v = parts();
    v.accept(bundle);
    return v.report();
  }

  /**
   * A verifier fed an export part by part, in order (the first part carries the header and the
   * certificates), holding only the tree's frontier: for a log of any size.
   */
  public static Parts parts() {
    return new AuditBundleVerifier().new Parts();
  }

  /** Takes the parts of one bundle in order; {@link #report()} once the last was given. */
  public final class Parts implements Consumer<AuditBundle> {
    private Parts() {}

    @Override
    public void accept(AuditBundle part) {
      if (header == null) {
        header = part;
        if (!AuditBundles.FORMAT.equals(part.getFormat())) {
          problem(
              -1,
              "the bundle format is '" + part.getFormat() + "', expected " + AuditBundles.FORMAT);
        }
        chain = chain(part);
      } else if (part.getCertificatesCount() > 0) {
        problem(-1, "certificates after the bundle's first part are not taken into account");
      }
      for (AuditRecord r : part.getRecordsList()) {
        checkRecord(tree.size(), r);
      }
      if (part.hasCheckpoint()) {
        finalCheckpoint = part.getCheckpoint();
      }
    }

    public Report report() {
      if (header == null) {
        accept(AuditBundle.getDefaultInstance());
      }
      return finish();
    }
  }

  private Report finish() {
    byte[] root = tree.root();
    if (finalCheckpoint == null) {
      problem(-1, "the bundle carries no final checkpoint");
    } else {
      Optional<AuditCheckpoint> last = checkpoint(finalCheckpoint, "the final checkpoint");
      if (last.isPresent()) {
        if (last.get().getTreeSize() != tree.size()) {
          long missing = Math.min(last.get().getTreeSize(), tree.size());
          problem(
              missing,
              "the final checkpoint covers "
                  + last.get().getTreeSize()
                  + " entries but the bundle holds "
                  + tree.size()
                  + (last.get().getTreeSize() > tree.size()
                      ? ": entries from index " + missing + " on were removed"
                      : ": entries from index " + missing + " on were added after signing"));
        } else if (!MessageDigest.isEqual(last.get().getRootHash().toByteArray(), root)) {
          problem(-1, "the final checkpoint's root does not match the entries in the bundle");
        }
      }
    }
    return new Report(
        problems.isEmpty(),
        tree.size(),
        root,
        chain.ca == null ? "" : Certificates.fingerprint(chain.ca),
        firstBad,
        List.copyOf(problems));
  }

  private void checkRecord(long position, AuditRecord r) {
    AuditEntry entry;
    try {
      entry = AuditEntry.parseFrom(r.getEntry());
    } catch (InvalidProtocolBufferException e) {
      problem(position, "entry " + position + " is not a valid AuditEntry: its bytes were altered");
      tree.append(MerkleTree.leafHash(r.getEntry().toByteArray()));
      return;
    }
    if (r.getIndex() != position || entry.getIndex() != position) {
      problem(
          position,
          "the entry at position "
              + position
              + " is entry "
              + entry.getIndex()
              + (entry.getIndex() > position
                  ? ": entries " + position + ".." + (entry.getIndex() - 1) + " were removed"
                  : ": entries were reordered or duplicated"));
    }
    if (r.hasDecoded() && !r.getDecoded().equals(entry)) {
      problem(position, "entry " + position + " reads differently from the bytes that were signed");
    }
    byte[] leaf = MerkleTree.leafHash(r.getEntry().toByteArray());
    if (!MessageDigest.isEqual(leaf, r.getLeafHash().toByteArray())) {
      problem(position, "entry " + position + " was modified: it no longer hashes to its leaf");
    }
    tree.append(leaf);
    if (!r.hasCheckpoint()) {
      problem(position, "entry " + position + " has no checkpoint");
      return;
    }
    Optional<AuditCheckpoint> c =
        checkpoint(r.getCheckpoint(), "the checkpoint after entry " + position);
    if (c.isEmpty()) {
      firstBad(position);
      return;
    }
    long size = c.get().getTreeSize();
    if (diverged) {
      return;
    }
    if (batchEnd > 0 && size != batchEnd) {
      // the entries of a batch all carry the checkpoint signed after its last entry
      diverged = true;
      problem(
          batchStart,
          "the batch of entries from "
              + batchStart
              + " ends at entry "
              + position
              + " before its checkpoint (tree size "
              + batchEnd
              + "): entries were removed, inserted or moved");
      return;
    }
    if (batchEnd == 0) {
      batchStart = position;
      batchEnd = size;
    }
    if (size < position + 1L) {
      diverged = true;
      problem(
          position,
          "entry "
              + position
              + " is not covered by its checkpoint (tree size "
              + size
              + "): it was inserted or moved");
    } else if (size == position + 1L) {
      batchEnd = 0;
      if (!MessageDigest.isEqual(c.get().getRootHash().toByteArray(), tree.root())) {
        // every later tree head differs too; only the first one locates the change
        diverged = true;
        problem(
            batchStart,
            (batchStart == position
                    ? "entry " + position
                    : "an entry among " + batchStart + ".." + position)
                + " was modified, removed, inserted or moved: the tree after it"
                + " does not match the checkpoint signed for it (tree size "
                + size
                + ")");
      }
    }
  }

  private Optional<AuditCheckpoint> checkpoint(SignedAuditCheckpoint signed, String what) {
    AuditBundle b = header;
    Optional<AuditCheckpoint> parsed = AuditCheckpoints.parse(signed);
    if (parsed.isEmpty()) {
      problem(-1, what + " is not a valid checkpoint");
      return Optional.empty();
    }
    X509Certificate signer = chain.signers.get(parsed.get().getSignerKeyId());
    if (signer == null) {
      problem(
          -1,
          what
              + " is signed by key "
              + parsed.get().getSignerKeyId()
              + ", whose certificate is not in the bundle");
      return Optional.empty();
    }
    Optional<AuditCheckpoint> c = AuditCheckpoints.verify(signed, signer);
    if (c.isEmpty()) {
      problem(-1, what + " has an invalid signature");
      return Optional.empty();
    }
    if (!c.get().getAgency().equals(b.getAgency()) || !c.get().getNode().equals(b.getNode())) {
      problem(
          -1,
          what
              + " is of "
              + c.get().getNode()
              + "."
              + c.get().getAgency()
              + ", not of the bundle's node");
      return Optional.empty();
    }
    return c;
  }

  private record Chain(X509Certificate ca, Map<String, X509Certificate> signers) {}

  /** The agency CA (self-signed) and the signing certificates it issued to the bundle's agency. */
  private Chain chain(AuditBundle b) {
    List<X509Certificate> certs = new ArrayList<>();
    for (var der : b.getCertificatesList()) {
      try {
        X509Certificate c = Certificates.parse(der.toByteArray());
        // BouncyCastle decodes the key and the signature only when asked, and reports a bad one
        // unchecked (fuzz findings 2 and 6)
        c.getPublicKey();
        c.getSignature();
        certs.add(c);
      } catch (CertificateException | RuntimeException e) {
        problem(-1, "a certificate in the bundle does not parse: " + e.getMessage());
      }
    }
    X509Certificate ca = null;
    for (X509Certificate c : certs) {
      if (c.getBasicConstraints() >= 0
          && c.getSubjectX500Principal().equals(c.getIssuerX500Principal())
          && signedBy(c, c)) {
        ca = c;
      }
    }
    Map<String, X509Certificate> signers = new HashMap<>();
    if (ca == null) {
      problem(-1, "the bundle carries no agency CA certificate");
      return new Chain(null, signers);
    }
    for (X509Certificate c : certs) {
      if (c == ca) {
        continue;
      }
      if (!signedBy(c, ca)) {
        problem(
            -1, "certificate " + c.getSubjectX500Principal() + " is not issued by the bundle's CA");
      } else if (!Certificates.organization(c).orElse("").equals(b.getAgency())) {
        problem(
            -1,
            "certificate " + c.getSubjectX500Principal() + " is not of agency " + b.getAgency());
      } else {
        signers.put(Certificates.fingerprint(c), c);
      }
    }
    return new Chain(ca, signers);
  }

  private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
    try {
      c.verify(issuer.getPublicKey());
      return c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private void problem(long index, String sentence) {
    firstBad(index);
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(sentence);
    }
  }

  private void firstBad(long index) {
    if (index >= 0 && (firstBad < 0 || index < firstBad)) {
      firstBad = index;
    }
  }

  /** Hex of a hash, for reports. */
  public static String hex(byte[] hash) {
    return HexFormat.of().formatHex(hash);
  }
}
