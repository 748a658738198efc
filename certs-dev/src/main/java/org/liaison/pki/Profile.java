package org.liaison.pki;

import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;

/**
 * The leaf certificate profiles of docs/architecture.md, section "Identity". Each writes its role
 * as a certificate policy OID ({@code <ARC>.<role>}); the wire library's CertificateRole checks the
 * same OIDs (docs/security-model.md, decision 0012).
 */
enum Profile {
  NODE_TLS(
      3,
      "node",
      "node",
      true,
      KeyUsage.digitalSignature,
      KeyPurposeId.id_kp_serverAuth,
      KeyPurposeId.id_kp_clientAuth),
  NODE_SIGNING(1, "node", "node", false, KeyUsage.digitalSignature | KeyUsage.nonRepudiation),
  NODE_ENCRYPTION(2, "node", "node", false, KeyUsage.keyAgreement),
  GATEWAY_TLS(
      4,
      "gateway",
      "gateway",
      true,
      KeyUsage.digitalSignature,
      KeyPurposeId.id_kp_serverAuth,
      KeyPurposeId.id_kp_clientAuth),
  OFFICER_TLS(
      5, "officer", "officer", false, KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth),
  AGENCY_SIGNING(6, "agency", "agency", false, KeyUsage.digitalSignature | KeyUsage.nonRepudiation);

  /** The private arc of the role policy OIDs (a UUID arc, X.667). */
  static final String ROLE_ARC = "2.25.149556130728021217589034680833236388067.1";

  static final String GATEWAY_NAME = "gateway";
  static final String AGREEMENTS_NAME = "agreements";

  private final int role;
  private final String ou;
  private final String urnKind;
  private final boolean localhostNames;
  private final int keyUsage;
  private final KeyPurposeId[] extendedKeyUsage;

  Profile(
      int role,
      String ou,
      String urnKind,
      boolean localhostNames,
      int keyUsage,
      KeyPurposeId... extendedKeyUsage) {
    this.role = role;
    this.ou = ou;
    this.urnKind = urnKind;
    this.localhostNames = localhostNames;
    this.keyUsage = keyUsage;
    this.extendedKeyUsage = extendedKeyUsage;
  }

  /** The common name. {@code name} is the node, officer, {@code gateway} or {@code agreements}. */
  String commonName(String agency, String name) {
    return switch (this) {
      case NODE_TLS -> name + "." + agency;
      case NODE_SIGNING -> name + "." + agency + " signing";
      case NODE_ENCRYPTION -> name + "." + agency + " encryption";
      case GATEWAY_TLS -> GATEWAY_NAME + "." + agency;
      case OFFICER_TLS -> name;
      case AGENCY_SIGNING -> agency + " agreements";
    };
  }

  /** {@code CN=.., OU=.., O=<agency>} in the usual order (O first in the DER sequence). */
  X500Name subject(String agency, String name) {
    return dn("CN=" + commonName(agency, name) + ", OU=" + ou + ", O=" + agency);
  }

  static X500Name caSubject(String agency) {
    return dn("CN=" + agency + " Root CA, OU=ca, O=" + agency);
  }

  /** A successor CA's subject: the first one's, named by when it was made. */
  static X500Name successorCaSubject(String agency, java.time.Instant made) {
    String when =
        java.time.format.DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(java.time.ZoneOffset.UTC)
            .format(made);
    return dn("CN=" + agency + " Root CA " + when + ", OU=ca, O=" + agency);
  }

  /** {@code urn:liaison:<agency>:<kind>:<name>}. */
  String urn(String agency, String name) {
    String n =
        switch (this) {
          case GATEWAY_TLS -> GATEWAY_NAME;
          case AGENCY_SIGNING -> AGREEMENTS_NAME;
          default -> name;
        };
    return "urn:liaison:" + agency + ":" + urnKind + ":" + n;
  }

  GeneralNames subjectAltNames(String agency, String name) {
    List<GeneralName> names = new ArrayList<>();
    if (localhostNames) {
      names.add(new GeneralName(GeneralName.dNSName, "localhost"));
      names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    }
    names.add(new GeneralName(GeneralName.uniformResourceIdentifier, urn(agency, name)));
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  KeyUsage keyUsage() {
    return new KeyUsage(keyUsage);
  }

  /** Null when the profile has no extended key usage. */
  ExtendedKeyUsage extendedKeyUsage() {
    return extendedKeyUsage.length == 0 ? null : new ExtendedKeyUsage(extendedKeyUsage);
  }

  /** The certificate policies extension naming this profile's role. */
  CertificatePolicies rolePolicy() {
    return new CertificatePolicies(
        new PolicyInformation(new ASN1ObjectIdentifier(ROLE_ARC + "." + role)));
  }

  private static X500Name dn(String rfc2253) {
    return X500Name.getInstance(new X500Principal(rfc2253).getEncoded());
  }
}
