package org.liaison.node.console;

import java.security.cert.X509Certificate;
import org.liaison.wire.transport.PeerIdentity;

/**
 * The officer using the console, taken from the client certificate the HTTPS handshake verified
 * against this agency's CA: an officer certificate ({@code OU=officer}) of this node's own agency
 * with the SAN URI {@code urn:liaison:<agency>:officer:<officer>}. Nothing the browser sends in a
 * form or header can change who the officer is. The one place the console decides identity, so that
 * it can follow the node's officer identity (role from the certificate) when that changes.
 */
public record ConsoleOfficer(String agency, String name, X509Certificate certificate) {

  /** A certificate that is not an officer certificate of this agency. */
  public static final class NotAnOfficerOfThisAgency extends Exception {
    NotAnOfficerOfThisAgency(String sentence) {
      super(sentence);
    }
  }

  public static ConsoleOfficer of(X509Certificate certificate, String ownAgency)
      throws NotAnOfficerOfThisAgency {
    PeerIdentity peer = PeerIdentity.of(certificate);
    if (!peer.agency().equals(ownAgency)) {
      throw new NotAnOfficerOfThisAgency(
          "This console serves officers of "
              + ownAgency
              + "; your certificate belongs to "
              + (peer.agency().isBlank() ? "no agency" : peer.agency())
              + ".");
    }
    if (!peer.kind().equals("officer")) {
      throw new NotAnOfficerOfThisAgency(
          "This console needs an officer certificate; yours is a "
              + (peer.kind().isBlank() ? "certificate without a kind" : peer.kind())
              + " certificate.");
    }
    String urn = "urn:liaison:" + ownAgency + ":officer:" + peer.name();
    if (!hasSanUri(certificate, urn)) {
      throw new NotAnOfficerOfThisAgency(
          "Your certificate does not name you as an officer of " + ownAgency + " (" + urn + ").");
    }
    return new ConsoleOfficer(ownAgency, peer.name(), certificate);
  }

  /** As the node's services see the officer (the same identity the CLI's TLS connection gives). */
  public PeerIdentity peer() {
    return PeerIdentity.of(certificate);
  }

  private static boolean hasSanUri(X509Certificate certificate, String uri) {
    try {
      var sans = certificate.getSubjectAlternativeNames();
      return sans != null
          && sans.stream().anyMatch(san -> ((Integer) san.get(0)) == 6 && uri.equals(san.get(1)));
    } catch (java.security.cert.CertificateParsingException e) {
      return false;
    }
  }
}
