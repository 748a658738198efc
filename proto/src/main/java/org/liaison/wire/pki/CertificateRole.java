package org.liaison.wire.pki;

import java.io.IOException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.PolicyInformation;

/**
 * What a certificate proves. Every leaf certificate of a Liaison PKI carries exactly one role,
 * written as a certificate policy OID under the project's private arc {@value #ARC} (a UUID arc,
 * X.667, so it needs no registration), together with the key usage the role needs and, for the TLS
 * roles, the standard extended key usages. An agency whose own PKI uses other OIDs maps them here.
 *
 * <p>Key usage alone proves nothing: a gateway's TLS certificate and an officer's client
 * certificate carry digitalSignature too. A signature or handshake is accepted only under the role
 * that the check asks for (see docs/security-model.md).
 */
public enum CertificateRole {
  /** Signs this node's envelopes and audit checkpoints. */
  NODE_SIGNING(1, KeyUsage.DIGITAL_SIGNATURE),
  /** The HPKE key that envelopes to this node are sealed to. */
  NODE_ENCRYPTION(2, KeyUsage.KEY_AGREEMENT),
  /** The node's TLS identity towards its own gateway and officers. */
  NODE_TLS(3, KeyUsage.DIGITAL_SIGNATURE, Eku.SERVER_AUTH, Eku.CLIENT_AUTH),
  /** A gateway's TLS identity; it cannot sign anything a partner trusts. */
  GATEWAY_TLS(4, KeyUsage.DIGITAL_SIGNATURE, Eku.SERVER_AUTH, Eku.CLIENT_AUTH),
  /** A person's client certificate for the officer API. */
  OFFICER(5, KeyUsage.DIGITAL_SIGNATURE, Eku.CLIENT_AUTH),
  /** Signs agreements (MOUs) on behalf of the agency. */
  AGENCY_SIGNATORY(6, KeyUsage.DIGITAL_SIGNATURE);

  /** The private arc under which the role OIDs are allocated: {@code <arc>.<role number>}. */
  public static final String ARC = "2.25.149556130728021217589034680833236388067.1";

  private final String oid;
  private final int keyUsageBit;
  private final List<String> extendedKeyUsages;

  CertificateRole(int number, int keyUsageBit, String... extendedKeyUsages) {
    this.oid = ARC + "." + number;
    this.keyUsageBit = keyUsageBit;
    this.extendedKeyUsages = List.of(extendedKeyUsages);
  }

  /** The certificate policy OID that marks this role. */
  public String oid() {
    return oid;
  }

  /** The extended key usages the role requires (empty when none). */
  public List<String> extendedKeyUsages() {
    return extendedKeyUsages;
  }

  int keyUsageBit() {
    return keyUsageBit;
  }

  /** A readable name, e.g. "node signing". */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /**
   * The one Liaison role the certificate carries, if it carries exactly one (a certificate with two
   * role OIDs is refused as ambiguous: one key, one job).
   */
  public static Optional<CertificateRole> of(X509Certificate cert) {
    return CertificateFacts.of(cert).role();
  }

  static Optional<CertificateRole> read(X509Certificate cert) {
    CertificateRole found = null;
    for (String policy : policies(cert)) {
      for (CertificateRole r : values()) {
        if (r.oid.equals(policy)) {
          if (found != null) {
            return Optional.empty();
          }
          found = r;
        }
      }
    }
    return Optional.ofNullable(found);
  }

  /** Whether the certificate is fit for this role: its policy, key usage and extended usages. */
  public boolean isHeldBy(X509Certificate cert) {
    return CertificateFacts.of(cert).fitFor(this);
  }

  boolean readIsHeldBy(X509Certificate cert) {
    if (read(cert).orElse(null) != this || cert.getBasicConstraints() >= 0) {
      return false;
    }
    boolean[] ku = cert.getKeyUsage();
    if (ku == null || ku.length <= keyUsageBit || !ku[keyUsageBit]) {
      return false;
    }
    if (extendedKeyUsages.isEmpty()) {
      return true;
    }
    try {
      List<String> eku = cert.getExtendedKeyUsage();
      return eku != null && eku.containsAll(extendedKeyUsages);
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  static List<String> policies(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue("2.5.29.32");
    if (ext == null) {
      return List.of();
    }
    try {
      ASN1Primitive inner =
          ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets());
      List<String> out = new ArrayList<>();
      for (PolicyInformation p : CertificatePolicies.getInstance(inner).getPolicyInformation()) {
        out.add(p.getPolicyIdentifier().getId());
      }
      return out;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** Standard extended key usages (RFC 5280). */
  private static final class Eku {
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  }

  /** Key usage bit positions (RFC 5280). */
  private static final class KeyUsage {
    static final int DIGITAL_SIGNATURE = 0;
    static final int KEY_AGREEMENT = 4;
  }
}
