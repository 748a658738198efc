package org.liaison.wire.pki;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.liaison.wire.crypto.Sha256;

/**
 * What a certificate says that can never change, read once per distinct certificate (by its DER
 * encoding) instead of on every envelope and call: the parsed certificate, its fingerprint, its
 * subject O and OU, its role and the roles it is fit for, its URI subject alternative names, its
 * validity period (BouncyCastle parses the ASN.1 time with a {@code SimpleDateFormat} on every
 * call).
 *
 * <p>Only facts that are a pure function of the DER bytes are kept; whether the certificate is
 * trusted, current or revoked depends on the time and the trust directory and is decided by {@link
 * CertificateValidator} on every call. Keyed by the full encoding, so two certificates share an
 * entry only when they are byte for byte the same certificate. Bounded; thread-safe.
 */
public final class CertificateFacts {
  private static final int LIMIT = 4096;
  private static final int SAN_URI = 6;
  private static final Map<ByteBuffer, CertificateFacts> CACHE = new ConcurrentHashMap<>();

  private final X509Certificate certificate;
  private final String fingerprint;
  private final Optional<String> organization;
  private final Optional<String> organizationalUnit;
  private final Optional<CertificateRole> role;
  private final Set<CertificateRole> fitFor;
  private final List<String> uris;
  private final Instant notBefore;
  private final Instant notAfter;

  private CertificateFacts(X509Certificate certificate, byte[] der) {
    this.certificate = certificate;
    this.fingerprint = Sha256.hex(der);
    this.organization = Certificates.readOrganization(certificate);
    this.organizationalUnit = Certificates.readOrganizationalUnit(certificate);
    this.role = CertificateRole.read(certificate);
    EnumSet<CertificateRole> fit = EnumSet.noneOf(CertificateRole.class);
    for (CertificateRole r : CertificateRole.values()) {
      if (r.readIsHeldBy(certificate)) {
        fit.add(r);
      }
    }
    this.fitFor = Set.copyOf(fit);
    this.uris = uris(certificate);
    this.notBefore = certificate.getNotBefore().toInstant();
    this.notAfter = certificate.getNotAfter().toInstant();
  }

  /** The facts of a certificate already parsed (a TLS peer's, a configured one). */
  public static CertificateFacts of(X509Certificate cert) {
    byte[] der = Certificates.der(cert);
    return lookup(der, () -> cert);
  }

  /**
   * Parses a DER certificate, or returns the certificate parsed earlier from the same bytes. The
   * public key and the signature are decoded here, so a certificate whose key or signature cannot
   * be read fails now, not later (BouncyCastle decodes them when asked, and reports a bad one
   * unchecked: a signature BIT STRING with unused bits throws IllegalStateException).
   */
  public static CertificateFacts parse(byte[] der) throws CertificateException {
    try {
      return lookup(
          der,
          () -> {
            try {
              X509Certificate c = Certificates.parseUncached(der);
              c.getPublicKey();
              c.getSignature();
              return c;
            } catch (CertificateException e) {
              throw new Unparseable(e);
            }
          });
    } catch (Unparseable e) {
      throw e.cause;
    } catch (RuntimeException e) {
      // BouncyCastle reports some malformed encodings unchecked
      throw new CertificateException("certificate cannot be parsed: " + e.getMessage(), e);
    }
  }

  /**
   * As {@link #parse(byte[])}, for a certificate carried in a message: a certificate seen before is
   * found without copying its bytes out of the message.
   */
  public static CertificateFacts parse(ByteString der) throws CertificateException {
    CertificateFacts known = CACHE.get(der.asReadOnlyByteBuffer());
    return known != null ? known : parse(der.toByteArray());
  }

  private interface Source {
    X509Certificate get();
  }

  private static CertificateFacts lookup(byte[] der, Source source) {
    ByteBuffer key = ByteBuffer.wrap(der);
    CertificateFacts known = CACHE.get(key);
    if (known != null) {
      return known;
    }
    CertificateFacts facts = new CertificateFacts(source.get(), der.clone());
    if (CACHE.size() >= LIMIT) {
      CACHE.clear(); // a flood of distinct certificates costs re-parsing, never memory
    }
    CACHE.put(ByteBuffer.wrap(der.clone()), facts);
    return facts;
  }

  /** How many certificates are held (bounded). */
  static int cached() {
    return CACHE.size();
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** Lower-case hex SHA-256 of the DER encoding (the key id). */
  public String fingerprint() {
    return fingerprint;
  }

  /** The first instant the certificate is valid. */
  public Instant notBefore() {
    return notBefore;
  }

  /** The last instant the certificate is valid. */
  public Instant notAfter() {
    return notAfter;
  }

  /** The subject O, if exactly one. */
  public Optional<String> organization() {
    return organization;
  }

  /** The subject OU (the kind: node, gateway, officer...), if exactly one. */
  public Optional<String> organizationalUnit() {
    return organizationalUnit;
  }

  /** Its URI subject alternative names, in the certificate's order. */
  public List<String> uris() {
    return uris;
  }

  /** The one Liaison role the certificate carries, if exactly one. */
  public Optional<CertificateRole> role() {
    return role;
  }

  /** Whether the certificate is fit for {@code r}: policy, key usage, extended key usages. */
  public boolean fitFor(CertificateRole r) {
    return fitFor.contains(r);
  }

  /** The name in a {@code urn:liaison:<agency>:<kind>:<name>} subject alternative name. */
  public Optional<String> liaisonName(String agency, String kind) {
    String prefix = "urn:liaison:" + agency + ":" + kind + ":";
    for (String uri : uris) {
      if (uri.startsWith(prefix) && uri.length() > prefix.length()) {
        return Optional.of(uri.substring(prefix.length()));
      }
    }
    return Optional.empty();
  }

  private static List<String> uris(X509Certificate cert) {
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans == null) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (List<?> san : sans) {
        if (((Integer) san.get(0)) == SAN_URI && san.get(1) instanceof String uri) {
          out.add(uri);
        }
      }
      return List.copyOf(out);
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }

  private static final class Unparseable extends RuntimeException {
    final CertificateException cause;

    Unparseable(CertificateException cause) {
      super(cause);
      this.cause = cause;
    }
  }
}
