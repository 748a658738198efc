package org.liaison.agreements;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.liaison.wire.pki.CertificateRole;

/**
 * Checks one party's detached CMS signature over the exact document bytes: one signer, SHA-256 with
 * ECDSA only, signer certificate issued by a CA whose fingerprint the agreement names, subject O
 * equal to the agency, in the agency signatory role ({@link CertificateRole#AGENCY_SIGNATORY}: not
 * an officer's, node's or gateway's certificate), valid when signed, and the signature itself.
 */
final class SignatureVerifier {
  private SignatureVerifier() {}

  /**
   * @param extraCa the agency's CA from a directory, if one is configured (the p7s also carries
   *     it); either way only a certificate with the pinned fingerprint is trusted
   */
  static SignatureCheck verify(
      byte[] document, byte[] p7s, Party party, Optional<X509Certificate> extraCa, Instant at) {
    String agency = party.agency();
    CMSSignedData signed;
    try {
      signed = new CMSSignedData(new CMSProcessableByteArray(document), p7s);
    } catch (CMSException | RuntimeException e) {
      return SignatureCheck.bad(
          agency, "the signature file of " + agency + " is not a CMS SignedData");
    }
    Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
    if (signers.size() != 1) {
      return SignatureCheck.bad(
          agency,
          "the signature file of "
              + agency
              + " must hold exactly one signer, holds "
              + signers.size());
    }
    SignerInformation si = signers.iterator().next();
    if (!NISTObjectIdentifiers.id_sha256.getId().equals(si.getDigestAlgOID())
        || !X9ObjectIdentifiers.ecdsa_with_SHA256.getId().equals(si.getEncryptionAlgOID())) {
      return SignatureCheck.bad(
          agency, "the signature of " + agency + " does not use SHA256withECDSA");
    }
    List<X509Certificate> certs = new ArrayList<>();
    X509Certificate signer = null;
    try {
      JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
      for (Object o : signed.getCertificates().getMatches(null)) {
        X509CertificateHolder h = (X509CertificateHolder) o;
        X509Certificate c = conv.getCertificate(h);
        certs.add(c);
        if (si.getSID().match(h)) {
          signer = c;
        }
      }
    } catch (CertificateException e) {
      return SignatureCheck.bad(
          agency, "the signature file of " + agency + " holds an unreadable certificate");
    }
    if (signer == null) {
      return SignatureCheck.bad(
          agency, "the signature file of " + agency + " does not include the signer's certificate");
    }
    extraCa.ifPresent(certs::add);
    // the CA named for the party that issued the signer: during the party's CA rotation the
    // agreement names the old and the new CA, and a signature under either counts
    X509Certificate ca = null;
    boolean named = false;
    for (X509Certificate c : certs) {
      if (party.caSha256s().contains(Fingerprints.sha256(c))) {
        named = true;
        if (ca == null || signer.getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
          ca = c;
        }
      }
    }
    if (!named) {
      List<String> pins =
          party.caSha256s().stream().map(fp -> fp.substring(0, 16) + "...").toList();
      return SignatureCheck.bad(
          agency,
          "no CA certificate with "
              + (pins.size() == 1 ? "the fingerprint" : "a fingerprint")
              + " the agreement names for "
              + agency
              + " ("
              + String.join(", ", pins)
              + ") is available");
    }
    if (ca.getBasicConstraints() < 0) {
      return SignatureCheck.bad(agency, "the certificate named as " + agency + "'s CA is not a CA");
    }
    try {
      if (!signer.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
        throw new java.security.SignatureException("issuer mismatch");
      }
      signer.verify(ca.getPublicKey());
    } catch (java.security.GeneralSecurityException e) {
      return SignatureCheck.bad(
          agency,
          "the certificate that signed for "
              + agency
              + " was not issued by the CA the agreement names for it");
    }
    String o = organisation(signer);
    if (!agency.equals(o)) {
      return SignatureCheck.bad(
          agency,
          "the certificate that signed for " + agency + " belongs to '" + o + "', not " + agency);
    }
    if (!CertificateRole.AGENCY_SIGNATORY.isHeldBy(signer)) {
      return SignatureCheck.wrongRole(
          agency,
          "the certificate that signed for "
              + agency
              + " ("
              + signer.getSubjectX500Principal().getName()
              + ") is "
              + CertificateRole.of(signer).map(r -> "a " + r.label()).orElse("of no Liaison role")
              + " certificate, not the agency signatory's: only the agency signatory signs"
              + " agreements");
    }
    Instant when = signingTime(si).orElse(at);
    try {
      signer.checkValidity(Date.from(when));
      ca.checkValidity(Date.from(when));
    } catch (CertificateException e) {
      return SignatureCheck.bad(
          agency, "the certificate that signed for " + agency + " was not valid at " + when);
    }
    try {
      if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signer))) {
        return SignatureCheck.bad(
            agency, "the signature of " + agency + " does not match the document's bytes");
      }
    } catch (CMSException | OperatorCreationException | RuntimeException e) {
      return SignatureCheck.bad(
          agency, "the signature of " + agency + " does not match the document's bytes");
    }
    return SignatureCheck.ok(
        agency,
        "signed by " + signer.getSubjectX500Principal().getName() + " at " + when,
        Fingerprints.sha256(signer));
  }

  static String organisation(X509Certificate cert) {
    X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    RDN[] rdns = name.getRDNs(BCStyle.O);
    return rdns.length == 1 ? IETFUtils.valueToString(rdns[0].getFirst().getValue()) : "";
  }

  private static Optional<Instant> signingTime(SignerInformation si) {
    if (si.getSignedAttributes() == null) {
      return Optional.empty();
    }
    Attribute a = si.getSignedAttributes().get(CMSAttributes.signingTime);
    if (a == null || a.getAttrValues().size() != 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
