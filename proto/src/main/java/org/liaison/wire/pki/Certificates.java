package org.liaison.wire.pki;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Small facts about certificates that the rest of the wire relies on. */
public final class Certificates {

  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private Certificates() {}

  /** The key id / fingerprint: lower-case hex SHA-256 of the DER encoding. */
  public static String fingerprint(X509Certificate cert) {
    return CertificateFacts.of(cert).fingerprint();
  }

  public static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  /** Parses a DER certificate (once per distinct encoding: {@link CertificateFacts}). */
  public static X509Certificate parse(byte[] der) throws CertificateException {
    return CertificateFacts.parse(der).certificate();
  }

  static X509Certificate parseUncached(byte[] der) throws CertificateException {
    CertificateFactory f = CertificateFactory.getInstance("X.509", BC);
    return (X509Certificate) f.generateCertificate(new ByteArrayInputStream(der));
  }

  /** The subject O (organisation): the agency id in our profiles. */
  public static Optional<String> organization(X509Certificate cert) {
    return CertificateFacts.of(cert).organization();
  }

  static Optional<String> readOrganization(X509Certificate cert) {
    return subjectAttribute(cert, BCStyle.O);
  }

  /** The subject OU: the role (node, gateway, officer, ca, agency). */
  public static Optional<String> organizationalUnit(X509Certificate cert) {
    return CertificateFacts.of(cert).organizationalUnit();
  }

  static Optional<String> readOrganizationalUnit(X509Certificate cert) {
    return subjectAttribute(cert, BCStyle.OU);
  }

  /**
   * The name in the certificate's {@code urn:liaison:<agency>:<kind>:<name>} subject alternative
   * name, if it has exactly such a URI for {@code agency} and {@code kind} (e.g. the node a node
   * signing certificate was issued to).
   */
  public static Optional<String> liaisonName(X509Certificate cert, String agency, String kind) {
    return CertificateFacts.of(cert).liaisonName(agency, kind);
  }

  private static Optional<String> subjectAttribute(X509Certificate cert, ASN1ObjectIdentifier oid) {
    X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    RDN[] rdns = name.getRDNs(oid);
    if (rdns.length != 1 || rdns[0].isMultiValued()) {
      return Optional.empty();
    }
    return Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
  }
}
