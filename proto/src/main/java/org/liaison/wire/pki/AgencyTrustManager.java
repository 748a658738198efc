package org.liaison.wire.pki;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.liaison.wire.v1.Reason;

/**
 * A TLS trust manager for mutual TLS between agencies: a peer is accepted only if its leaf
 * certificate belongs (see {@link CertificateValidator}, purpose TLS, CRL-checked) to an agency
 * that the supplier currently allows with the CA held in the directory, and only in the one {@link
 * CertificateRole} the listener or dialler serves (officers on the officer API, the own gateway on
 * a node's federation API, partner gateways on the partner listener...). A dialler can also pin the
 * agency it expects at the other end ({@link #expecting}). The agency is read from the
 * certificate's subject O. Any intermediate certificates the peer sends are ignored: only the
 * agency root held in the directory anchors trust. Every handshake asks the directory as it is now,
 * so a reloaded CRL takes effect on the next handshake.
 *
 * <p>Failures are {@link CertificateValidationException}s carrying a {@link Reason}.
 */
public final class AgencyTrustManager extends X509ExtendedTrustManager {

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(AgencyTrustManager.class.getName());

  private final TrustDirectory trust;
  private final CertificateValidator validator;
  private final CertificateRole role;
  private final String expectedAgency;
  private final Clock clock;

  private AgencyTrustManager(
      TrustDirectory trust, CertificateRole role, String expectedAgency, Clock clock) {
    this.trust = trust;
    this.validator = new CertificateValidator(trust);
    this.role = role;
    this.expectedAgency = expectedAgency;
    this.clock = clock;
  }

  /**
   * @param directory the public material of all agencies
   * @param allowedAgencies agency -> allowed CA fingerprint, asked on every handshake
   * @param role the one role a peer is accepted in
   */
  public static AgencyTrustManager create(
      TrustDirectory directory,
      Supplier<Map<String, String>> allowedAgencies,
      CertificateRole role,
      Clock clock) {
    return new AgencyTrustManager(directory.restrictedTo(allowedAgencies), role, null, clock);
  }

  /**
   * As {@link #create}, with every CA fingerprint pinned for each agency (an agreement names more
   * than one while a partner rotates its CA; decision 0039).
   */
  public static AgencyTrustManager pinned(
      TrustDirectory directory,
      Supplier<Map<String, ? extends Collection<String>>> caPins,
      CertificateRole role,
      Clock clock) {
    return new AgencyTrustManager(directory.pinnedTo(caPins), role, null, clock);
  }

  /**
   * Trust for peers of {@code agency} only (a process's own agency), under every CA of it held in
   * the directory: during a rotation of the agency's own CA both the old and the new one.
   */
  public static AgencyTrustManager ownAgency(
      TrustDirectory directory, String agency, CertificateRole role, Clock clock) {
    return new AgencyTrustManager(directory.onlyAgency(agency), role, null, clock);
  }

  /** The same trust, accepting only peers of {@code agency} (a dialler knows whom it routes to). */
  public AgencyTrustManager expecting(String agency) {
    return new AgencyTrustManager(trust, role, agency, clock);
  }

  /** The (live) directory this manager validates against. */
  public TrustDirectory directory() {
    return trust;
  }

  public CertificateRole role() {
    return role;
  }

  /** Validates a peer chain and returns the agency it belongs to; a refusal is logged. */
  public String check(X509Certificate[] chain) throws CertificateValidationException {
    try {
      return checkQuietly(chain);
    } catch (CertificateValidationException e) {
      LOG.warning(
          "refused TLS peer "
              + (chain == null || chain.length == 0
                  ? "without certificate"
                  : chain[0].getSubjectX500Principal().getName())
              + " reason="
              + e.reason()
              + ": "
              + e.getMessage());
      throw e;
    }
  }

  private String checkQuietly(X509Certificate[] chain) throws CertificateValidationException {
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
    if (expectedAgency != null && !expectedAgency.equals(agency.get())) {
      throw new CertificateValidationException(
          Reason.TLS_PEER_WRONG_ROLE,
          "TLS peer '"
              + leaf.getSubjectX500Principal().getName()
              + "' belongs to "
              + agency.get()
              + ", but this connection is to "
              + expectedAgency
              + ".");
    }
    if (!role.isHeldBy(leaf)) {
      throw new CertificateValidationException(
          Reason.TLS_PEER_WRONG_ROLE,
          "TLS peer '"
              + leaf.getSubjectX500Principal().getName()
              + "' is "
              + CertificateRole.of(leaf).map(r -> "a " + r.label()).orElse("of no Liaison role")
              + ", but this connection serves only the "
              + role.label()
              + " role.");
    }
    validator.validate(leaf, agency.get(), role, clock.instant());
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
        .flatMap(a -> trust.caCertificates(a).stream())
        .toArray(X509Certificate[]::new);
  }
}
