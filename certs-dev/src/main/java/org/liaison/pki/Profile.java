package org.liaison.pki;

import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/** The leaf certificate profiles of docs/architecture.md, section "Identity". */
enum Profile {
  NODE_TLS(
      "node",
      "node",
      true,
      KeyUsage.digitalSignature,
      KeyPurposeId.id_kp_serverAuth,
      KeyPurposeId.id_kp_clientAuth),
  NODE_SIGNING("node", "node", false, KeyUsage.digitalSignature | KeyUsage.nonRepudiation),
  NODE_ENCRYPTION("node", "node", false, KeyUsage.keyAgreement),
  GATEWAY_TLS(
      "gateway",
      "gateway",
      true,
      KeyUsage.digitalSignature,
      KeyPurposeId.id_kp_serverAuth,
      KeyPurposeId.id_kp_clientAuth),
  OFFICER_TLS(
      "officer", "officer", false, KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth),
  AGENCY_SIGNING("agency", "agency", false, KeyUsage.digitalSignature | KeyUsage.nonRepudiation);

  static final String GATEWAY_NAME = "gateway";
  static final String AGREEMENTS_NAME = "agreements";

  private final String ou;
  private final String urnKind;
  private final boolean localhostNames;
  private final int keyUsage;
  private final KeyPurposeId[] extendedKeyUsage;

  Profile(
      String ou,
      String urnKind,
      boolean localhostNames,
      int keyUsage,
      KeyPurposeId... extendedKeyUsage) {
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

  private static X500Name dn(String rfc2253) {
    return X500Name.getInstance(new X500Principal(rfc2253).getEncoded());
  }
}
