package org.liaison.pki;

import java.nio.file.Path;

/**
 * Where every file of a development PKI lives (docs/architecture.md, "PKI directory layout"). Pure
 * path arithmetic: nothing is read or written.
 */
public final class PkiLayout {

  public static final String DIRECTORY = "directory";
  public static final String CA_CERT = "ca.crt.pem";
  public static final String CA_KEY = "ca.key.pem";
  public static final String CA_CRL = "ca.crl.pem";
  public static final String CA_STATE = "ca.state.properties";
  public static final String AGENCY_SIGNING_CERT = "agency-signing.crt.pem";
  public static final String TLS_CERT = "tls.crt.pem";
  public static final String TLS_KEY = "tls.key.pem";
  public static final String TLS_P12 = "tls.p12";
  public static final String SIGNING_CERT = "signing.crt.pem";
  public static final String SIGNING_KEY = "signing.key.pem";
  public static final String ENCRYPTION_CERT = "encryption.crt.pem";
  public static final String ENCRYPTION_KEY = "encryption.key.pem";
  public static final String README = "README.txt";

  /** Password of every officer {@code tls.p12}: development only. */
  public static final String P12_PASSWORD = "changeit";

  private final Path root;

  public PkiLayout(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** {@code <pki>/directory}: public material of every agency. */
  public Path directory() {
    return root.resolve(DIRECTORY);
  }

  /** {@code <pki>/directory/<agency>}. */
  public Path directoryAgencyDir(String agency) {
    return directory().resolve(agency);
  }

  /**
   * {@code <pki>/directory/<agency>/nodes/<node>}: the node's public signing and encryption certs.
   */
  public Path directoryNodeDir(String agency, String node) {
    return directoryAgencyDir(agency).resolve("nodes").resolve(node);
  }

  /** {@code <pki>/<agency>}: that agency's private material. */
  public Path agencyDir(String agency) {
    return root.resolve(agency);
  }

  /**
   * A file's path below its agency's folder, with {@code /} on every system: the name the CA's
   * state gives the certificate it issued into that file.
   */
  public String inAgency(String agency, Path file) {
    return agencyDir(agency).relativize(file).toString().replace('\\', '/');
  }

  public Path caCert(String agency) {
    return agencyDir(agency).resolve(CA_CERT);
  }

  public Path caKey(String agency) {
    return agencyDir(agency).resolve(CA_KEY);
  }

  public Path caCrl(String agency) {
    return agencyDir(agency).resolve(CA_CRL);
  }

  public Path caState(String agency) {
    return agencyDir(agency).resolve(CA_STATE);
  }

  /** {@code <pki>/<agency>/agency}: the agency signing key for agreements. */
  public Path agencySigningDir(String agency) {
    return agencyDir(agency).resolve("agency");
  }

  public Path nodesDir(String agency) {
    return agencyDir(agency).resolve("nodes");
  }

  /** {@code <pki>/<agency>/nodes/<node>}: the value of the node's {@code liaison.pki.dir}. */
  public Path nodeDir(String agency, String node) {
    return nodesDir(agency).resolve(node);
  }

  /** {@code <pki>/<agency>/gateway}: the value of the gateway's {@code liaison.pki.dir}. */
  public Path gatewayDir(String agency) {
    return agencyDir(agency).resolve("gateway");
  }

  public Path officersDir(String agency) {
    return agencyDir(agency).resolve("officers");
  }

  public Path officerDir(String agency, String officer) {
    return officersDir(agency).resolve(officer);
  }
}
