package org.liaison.wire.pki;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.liaison.wire.v1.Reason;

/**
 * A TLS trust manager for mutual TLS between agencies: a peer is accepted only if its leaf
 * certificate belongs (see {@link CertificateValidator}, purpose TLS, CRL-checked) to an agency
 * that the supplier currently allows with the CA held in the directory, and, when a set of OUs is
 * given, only if its subject OU is one of them (e.g. {@code "gateway"}). The agency is read from
 * the certificate's subject O. Any intermediate certificates the peer sends are ignored: only the
 * agency root held in the directory anchors trust.
 *
 * <p>Failures are {@link CertificateValidationException}s carrying a {@link Reason}.
 */
public final class AgencyTrustManager extends X509ExtendedTrustManager {

  private final TrustDirectory trust;
  private final CertificateValidator validator;
  private final Set<String> allowedOus;
  private final Clock clock;

  private AgencyTrustManager(TrustDirectory trust, Set<String> allowedOus, Clock clock) {
    this.trust = trust;
    this.validator = new CertificateValidator(trust);
    this.allowedOus = Set.copyOf(allowedOus);
    this.clock = clock;
  }

  /**
   * @param directory the public material of all agencies
   * @param allowedAgencies agency -> allowed CA fingerprint, asked on every handshake
   * @param allowedOus subject OUs accepted; empty accepts any
   */
  public static AgencyTrustManager create(
      TrustDirectory directory,
      Supplier<Map<String, String>> allowedAgencies,
      Set<String> allowedOus,
      Clock clock) {
    return new AgencyTrustManager(directory.restrictedTo(allowedAgencies), allowedOus, clock);
  }

  /** Validates a peer chain and returns the agency it belongs to. */
  public String check(X509Certificate[] chain) throws CertificateValidationException {
    if (chain == null || chain.length == 0) {
      throw new CertificateValidationException(
          Reason.CHAIN_NOT_TO_AGENCY_CA, "The TLS peer presented no certificate.");
    }
    X509Certificate leaf = chain[0];
    Optional<String> agency = Certificates.organization(leaf);
    if (agency.isEmpty()) {
      throw new CertificateValidationException(
          Reason.UNKNOWN_AGENCY, "The TLS peer certificate names no agency (subject O).");
    }
    if (!allowedOus.isEmpty()
        && !allowedOus.contains(Certificates.organizationalUnit(leaf).orElse(""))) {
      throw new CertificateValidationException(
          Reason.TLS_PEER_NOT_OF_SENDER_AGENCY,
          "TLS peer '"
              + leaf.getSubjectX500Principal().getName()
              + "' is not one of "
              + allowedOus
              + ".");
    }
    validator.validate(leaf, agency.get(), KeyPurpose.TLS, clock.instant());
    return agency.get();
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  /** The CAs of the agencies allowed right now (sent as acceptable issuers in the handshake). */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return trust.trustedAgencies().stream()
        .map(trust::caCertificate)
        .flatMap(Optional::stream)
        .toArray(X509Certificate[]::new);
  }
}
