package org.liaison.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.liaison.pki.PkiAssertions.cert;
import static org.liaison.pki.PkiAssertions.keyMatches;
import static org.liaison.pki.PkiAssertions.validate;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pem.Pem;

class DevPkiTest {

  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int NON_REPUDIATION = 1;
  private static final int KEY_AGREEMENT = 4;
  private static final int KEY_CERT_SIGN = 5;
  private static final int CRL_SIGN = 6;

  /** The reference federation, made once and only read by the tests that use it. */
  @TempDir static Path shared;

  static DevPki reference;

  @TempDir Path tmp;

  @BeforeAll
  static void createReferenceFederation() {
    reference =
        DevPki.create(shared.resolve("pki"), DevPki.referenceFederation(), Clock.systemUTC());
  }

  private record Leaf(
      String file, String subject, Set<String> san, Set<Integer> keyUsage, List<String> eku) {}

  private static List<Leaf> expectedLeaves(String a) {
    Set<String> tlsNames = Set.of("2:localhost", "7:127.0.0.1");
    return List.of(
        new Leaf(
            "nodes/node-1/tls.crt.pem",
            "CN=node-1." + a + ",OU=node,O=" + a,
            union(tlsNames, "6:urn:liaison:" + a + ":node:node-1"),
            Set.of(DIGITAL_SIGNATURE),
            List.of(SERVER_AUTH, CLIENT_AUTH)),
        new Leaf(
            "nodes/node-1/signing.crt.pem",
            "CN=node-1." + a + " signing,OU=node,O=" + a,
            Set.of("6:urn:liaison:" + a + ":node:node-1"),
            Set.of(DIGITAL_SIGNATURE, NON_REPUDIATION),
            null),
        new Leaf(
            "nodes/node-1/encryption.crt.pem",
            "CN=node-1." + a + " encryption,OU=node,O=" + a,
            Set.of("6:urn:liaison:" + a + ":node:node-1"),
            Set.of(KEY_AGREEMENT),
            null),
        new Leaf(
            "gateway/tls.crt.pem",
            "CN=gateway." + a + ",OU=gateway,O=" + a,
            union(tlsNames, "6:urn:liaison:" + a + ":gateway:gateway"),
            Set.of(DIGITAL_SIGNATURE),
            List.of(SERVER_AUTH, CLIENT_AUTH)),
        new Leaf(
            "officers/officer-1/tls.crt.pem",
            "CN=officer-1,OU=officer,O=" + a,
            Set.of("6:urn:liaison:" + a + ":officer:officer-1"),
            Set.of(DIGITAL_SIGNATURE),
            List.of(CLIENT_AUTH)),
        new Leaf(
            "agency/signing.crt.pem",
            "CN=" + a + " agreements,OU=agency,O=" + a,
            Set.of("6:urn:liaison:" + a + ":agency:agreements"),
            Set.of(DIGITAL_SIGNATURE, NON_REPUDIATION),
            null));
  }

  @Test
  void create_referenceFederation_writesEveryFileOfTheLayout() {
    Path root = reference.root();
    assertThat(reference.agencies())
        .containsExactlyInAnyOrderElementsOf(PkiAssertions.REFERENCE_AGENCIES);
    for (String a : reference.agencies()) {
      for (String f :
          List.of(
              "directory/A/ca.crt.pem",
              "directory/A/ca.crl.pem",
              "directory/A/agency-signing.crt.pem",
              "directory/A/nodes/node-1/signing.crt.pem",
              "directory/A/nodes/node-1/encryption.crt.pem",
              "A/ca.crt.pem",
              "A/ca.key.pem",
              "A/ca.crl.pem",
              "A/ca.state.properties",
              "A/agency/signing.crt.pem",
              "A/agency/signing.key.pem",
              "A/nodes/node-1/tls.crt.pem",
              "A/nodes/node-1/tls.key.pem",
              "A/nodes/node-1/signing.crt.pem",
              "A/nodes/node-1/signing.key.pem",
              "A/nodes/node-1/encryption.crt.pem",
              "A/nodes/node-1/encryption.key.pem",
              "A/gateway/tls.crt.pem",
              "A/gateway/tls.key.pem",
              "A/officers/officer-1/tls.crt.pem",
              "A/officers/officer-1/tls.key.pem",
              "A/officers/officer-1/tls.p12")) {
        assertThat(root.resolve(f.replace("A", a))).isRegularFile().isNotEmptyFile();
      }
    }
    assertThat(reference.nodeDir("us.ice", "node-1"))
        .isEqualTo(root.resolve("us.ice/nodes/node-1"));
    assertThat(reference.gatewayDir("ru.skr")).isEqualTo(root.resolve("ru.skr/gateway"));
    assertThat(reference.officerDir("ca.cbsa", "officer-1"))
        .isEqualTo(root.resolve("ca.cbsa/officers/officer-1"));
    assertThat(reference.directory()).isEqualTo(root.resolve("directory"));
  }

  @Test
  void create_referenceFederation_filesArePemOfTheRightKind() throws IOException {
    Path ice = reference.agencyDir("us.ice");
    assertThat(Files.readString(ice.resolve("ca.key.pem")))
        .startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(ice.resolve("nodes/node-1/tls.key.pem")))
        .startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(ice.resolve("ca.crl.pem"))).startsWith("-----BEGIN X509 CRL-----");
    String tls = Files.readString(ice.resolve("nodes/node-1/tls.crt.pem"));
    assertThat(tls).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(tls.split("BEGIN CERTIFICATE", -1)).as("leaf only, no chain").hasSize(2);
  }

  @Test
  void create_caCertificates_haveTheRootProfile() throws Exception {
    for (String a : reference.agencies()) {
      X509Certificate ca = cert(reference.caCert(a));
      assertThat(ca.getSubjectX500Principal().getName())
          .isEqualTo("CN=" + a + " Root CA,OU=ca,O=" + a);
      assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
      assertThat(ca.getBasicConstraints()).as("CA:true").isGreaterThanOrEqualTo(0);
      assertThat(keyUsages(ca)).containsExactlyInAnyOrder(KEY_CERT_SIGN, CRL_SIGN);
      assertThat(ca.getCriticalExtensionOIDs())
          .contains(Extension.keyUsage.getId(), Extension.basicConstraints.getId());
      assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
      assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
      assertThat(ca.getPublicKey().toString()).contains("secp256r1");
      assertThat(
              Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant())
                  .toDays())
          .isEqualTo(3650);
      assertThat(skid(ca)).isEqualTo(akid(ca));
      ca.verify(ca.getPublicKey());
      assertThat(cert(reference.directory().resolve(a).resolve("ca.crt.pem"))).isEqualTo(ca);
    }
  }

  @Test
  void create_leafCertificates_haveExactlyTheirProfile() throws Exception {
    for (String a : reference.agencies()) {
      X509Certificate ca = cert(reference.caCert(a));
      for (Leaf leaf : expectedLeaves(a)) {
        X509Certificate c = cert(reference.agencyDir(a).resolve(leaf.file()));
        String what = a + " " + leaf.file();
        assertThat(c.getSubjectX500Principal().getName()).as(what).isEqualTo(leaf.subject());
        assertThat(sans(c)).as(what).isEqualTo(leaf.san());
        assertThat(keyUsages(c)).as(what).isEqualTo(leaf.keyUsage());
        assertThat(c.getExtendedKeyUsage()).as(what).isEqualTo(leaf.eku());
        assertThat(c.getBasicConstraints()).as(what + " CA:false").isEqualTo(-1);
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(c.getPublicKey().toString()).contains("secp256r1");
        assertThat(c.getSerialNumber().bitLength()).as("random 128-bit serial").isBetween(64, 128);
        assertThat(
                Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant())
                    .toDays())
            .isEqualTo(365);
        assertThat(akid(c)).as(what + " authority key id").isEqualTo(skid(ca));
        assertThat(skid(c)).as(what + " subject key id").isNotNull();
        c.checkValidity();
      }
    }
  }

  @Test
  void create_leaves_verifyAgainstOwnCaAndNotAnotherAgencys() throws Exception {
    List<String> agencies = reference.agencies();
    for (int i = 0; i < agencies.size(); i++) {
      String a = agencies.get(i);
      String other = agencies.get((i + 1) % agencies.size());
      X509Certificate ca = cert(reference.caCert(a));
      X509Certificate otherCa = cert(reference.caCert(other));
      X509CRL crl = PkiFiles.readCrl(reference.caCrl(a));
      for (Leaf leaf : expectedLeaves(a)) {
        X509Certificate c = cert(reference.agencyDir(a).resolve(leaf.file()));
        validate(c, ca, crl);
        assertThatThrownBy(() -> validate(c, otherCa, null))
            .as(a + " " + leaf.file() + " under " + other)
            .isInstanceOf(CertPathValidatorException.class);
      }
    }
  }

  @Test
  void create_privateKeys_matchTheirCertificates() throws Exception {
    for (String a : reference.agencies()) {
      Path dir = reference.agencyDir(a);
      Map<String, String> pairs =
          Map.of(
              "ca.key.pem",
              "ca.crt.pem",
              "agency/signing.key.pem",
              "agency/signing.crt.pem",
              "nodes/node-1/tls.key.pem",
              "nodes/node-1/tls.crt.pem",
              "nodes/node-1/signing.key.pem",
              "nodes/node-1/signing.crt.pem",
              "nodes/node-1/encryption.key.pem",
              "nodes/node-1/encryption.crt.pem",
              "gateway/tls.key.pem",
              "gateway/tls.crt.pem",
              "officers/officer-1/tls.key.pem",
              "officers/officer-1/tls.crt.pem");
      for (var pair : pairs.entrySet()) {
        PrivateKey key = PkiFiles.readPrivateKey(dir.resolve(pair.getKey()));
        assertThat(keyMatches(key, cert(dir.resolve(pair.getValue())).getPublicKey()))
            .as(pair.getKey())
            .isTrue();
      }
      PrivateKey nodeTls = PkiFiles.readPrivateKey(dir.resolve("nodes/node-1/tls.key.pem"));
      assertThat(
              keyMatches(nodeTls, cert(dir.resolve("nodes/node-1/signing.crt.pem")).getPublicKey()))
          .as("each certificate has its own key")
          .isFalse();
    }
    Path ice = reference.agencyDir("us.ice");
    assertThat(cert(reference.directory().resolve("us.ice/nodes/node-1/signing.crt.pem")))
        .isEqualTo(cert(ice.resolve("nodes/node-1/signing.crt.pem")));
    assertThat(cert(reference.directory().resolve("us.ice/agency-signing.crt.pem")))
        .isEqualTo(cert(ice.resolve("agency/signing.crt.pem")));
  }

  @Test
  void create_privateKeys_areOwnerOnly() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "the file system has no POSIX permissions");
    try (Stream<Path> files = Files.walk(reference.root())) {
      List<Path> secrets =
          files
              .filter(p -> p.toString().endsWith(".key.pem") || p.toString().endsWith(".p12"))
              .toList();
      assertThat(secrets).hasSize(10 * 8);
      for (Path secret : secrets) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
            .as(secret.toString())
            .isEqualTo("rw-------");
      }
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(reference.caCert("us.ice"))))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void create_everyFolder_hasADevelopmentOnlyReadme() throws IOException {
    try (Stream<Path> dirs = Files.walk(reference.root())) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        Path readme = dir.resolve("README.txt");
        assertThat(readme).as(dir.toString()).isRegularFile();
        assertThat(Files.readString(readme))
            .contains("DEVELOPMENT ONLY")
            .contains("NOT FOR PRODUCTION");
      }
    }
  }

  @Test
  void create_officerP12_opensWithChangeit() throws Exception {
    Path dir = reference.officerDir("ru.skr", "officer-1");
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("tls.p12"))) {
      p12.load(in, "changeit".toCharArray());
    }
    PrivateKey key = (PrivateKey) p12.getKey("officer-1", "changeit".toCharArray());
    assertThat(key).isNotNull();
    assertThat(p12.getCertificate("officer-1")).isEqualTo(cert(dir.resolve("tls.crt.pem")));
    assertThat(p12.getCertificateChain("officer-1")).hasSize(2);
    assertThat(keyMatches(key, cert(dir.resolve("tls.crt.pem")).getPublicKey())).isTrue();
    assertThatThrownBy(
            () -> {
              try (InputStream in = Files.newInputStream(dir.resolve("tls.p12"))) {
                KeyStore.getInstance("PKCS12").load(in, "wrong".toCharArray());
              }
            })
        .isInstanceOf(IOException.class);
  }

  @Test
  void create_crl_isSignedByTheCaWithNumberAndAuthorityKeyId() throws Exception {
    Instant now = Instant.parse("2030-01-02T03:04:05Z");
    DevPki pki =
        DevPki.create(
            tmp.resolve("pki"),
            List.of(AgencySpec.withDefaults("us.ice")),
            Clock.fixed(now, ZoneOffset.UTC));
    X509Certificate ca = cert(pki.caCert("us.ice"));
    X509CRL crl = PkiFiles.readCrl(pki.caCrl("us.ice"));
    crl.verify(ca.getPublicKey());
    assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(crl.getThisUpdate().toInstant()).isEqualTo(now);
    assertThat(crl.getNextUpdate().toInstant()).isEqualTo(now.plus(Duration.ofDays(7)));
    assertThat(crl.getRevokedCertificates()).isNull();
    assertThat(crlNumber(crl)).isEqualTo(BigInteger.ONE);
    assertThat(authorityKeyId(crl.getExtensionValue(Extension.authorityKeyIdentifier.getId())))
        .isEqualTo(skid(ca));
    assertThat(Files.readAllBytes(pki.directory().resolve("us.ice/ca.crl.pem")))
        .isEqualTo(Files.readAllBytes(pki.caCrl("us.ice")));
    assertThatThrownBy(() -> crl.verify(cert(reference.caCert("us.ice")).getPublicKey()))
        .as("another CA's key")
        .isInstanceOf(java.security.SignatureException.class);
  }

  @Test
  void revoke_serial_isListedInBothCrlsAndFailsPkixWithCrl() throws Exception {
    DevPki pki = twoAgencies();
    Path tlsFile = pki.nodeDir("us.ice", "node-1").resolve("tls.crt.pem");
    X509Certificate tls = cert(tlsFile);
    X509Certificate ca = cert(pki.caCert("us.ice"));
    validate(tls, ca, PkiFiles.readCrl(pki.caCrl("us.ice")));

    pki.revoke("us.ice", tls.getSerialNumber(), RevocationReason.KEY_COMPROMISE);

    for (Path crlFile :
        List.of(pki.caCrl("us.ice"), pki.directory().resolve("us.ice/ca.crl.pem"))) {
      X509CRL crl = PkiFiles.readCrl(crlFile);
      crl.verify(ca.getPublicKey());
      X509CRLEntry entry = crl.getRevokedCertificate(tls.getSerialNumber());
      assertThat(entry).as(crlFile.toString()).isNotNull();
      assertThat(entry.getRevocationReason())
          .isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
      assertThat(crlNumber(crl)).isEqualTo(BigInteger.TWO);
      assertThatThrownBy(() -> validate(tls, ca, crl))
          .isInstanceOf(CertPathValidatorException.class)
          .hasMessageContaining("revoked");
    }
    validate(
        cert(pki.gatewayDir("us.ice").resolve("tls.crt.pem")),
        ca,
        PkiFiles.readCrl(pki.caCrl("us.ice")));
    assertThat(PkiFiles.readCrl(pki.caCrl("ru.skr")).getRevokedCertificates())
        .as("other agency untouched")
        .isNull();

    IssuedCertificate recorded =
        DevPki.open(pki.root()).certificates("us.ice").stream()
            .filter(c -> c.serial().equals(tls.getSerialNumber()))
            .findFirst()
            .orElseThrow();
    assertThat(recorded.revoked()).isTrue();
    assertThat(recorded.revocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
    assertThat(recorded.file()).isEqualTo("nodes/node-1/tls.crt.pem");
    assertThat(Files.readString(pki.agencyDir("us.ice").resolve("ca.state.properties")))
        .contains("revoked." + tls.getSerialNumber().toString(16) + ".reason=keyCompromise");
  }

  @Test
  void revoke_certFile_revokesThatCertificate() throws Exception {
    DevPki pki = twoAgencies();
    Path officer = pki.officerDir("us.ice", "officer-1").resolve("tls.crt.pem");
    pki.revoke("us.ice", officer, RevocationReason.AFFILIATION_CHANGED);
    X509CRL crl = PkiFiles.readCrl(pki.caCrl("us.ice"));
    assertThat(crl.isRevoked(cert(officer))).isTrue();
  }

  @Test
  void revoke_refusals_sayWhy() {
    DevPki pki = twoAgencies();
    Path skrCert = pki.gatewayDir("ru.skr").resolve("tls.crt.pem");
    assertKind(
        () -> pki.revoke("us.ice", skrCert, RevocationReason.KEY_COMPROMISE),
        PkiException.Kind.NOT_ISSUED_BY_CA);
    assertKind(
        () -> pki.revoke("us.ice", BigInteger.valueOf(12345), RevocationReason.KEY_COMPROMISE),
        PkiException.Kind.UNKNOWN_ENTITY);
    assertKind(
        () -> pki.revoke("xx.yy", BigInteger.ONE, RevocationReason.KEY_COMPROMISE),
        PkiException.Kind.UNKNOWN_AGENCY);
    BigInteger serial = cert(skrCert).getSerialNumber();
    pki.revoke("ru.skr", serial, RevocationReason.SUPERSEDED);
    assertKind(
        () -> pki.revoke("ru.skr", serial, RevocationReason.SUPERSEDED),
        PkiException.Kind.ALREADY_REVOKED);
  }

  @Test
  void rotateNode_newKeys_oldRevoked_directoryUpdated() throws Exception {
    DevPki pki = twoAgencies();
    Path node = pki.nodeDir("us.ice", "node-1");
    Path pub = pki.directory().resolve("us.ice/nodes/node-1");
    List<String> files = List.of("tls", "signing", "encryption");
    Map<String, X509Certificate> before =
        files.stream().collect(Collectors.toMap(f -> f, f -> cert(node.resolve(f + ".crt.pem"))));
    Map<String, String> keysBefore =
        files.stream().collect(Collectors.toMap(f -> f, f -> read(node.resolve(f + ".key.pem"))));
    X509Certificate gatewayBefore = cert(pki.gatewayDir("us.ice").resolve("tls.crt.pem"));

    pki.rotateNode("us.ice", "node-1");

    X509Certificate ca = cert(pki.caCert("us.ice"));
    X509CRL crl = PkiFiles.readCrl(pki.caCrl("us.ice"));
    for (String f : files) {
      X509Certificate after = cert(node.resolve(f + ".crt.pem"));
      assertThat(after.getPublicKey()).as(f).isNotEqualTo(before.get(f).getPublicKey());
      assertThat(read(node.resolve(f + ".key.pem"))).as(f).isNotEqualTo(keysBefore.get(f));
      assertThat(
              keyMatches(
                  PkiFiles.readPrivateKey(node.resolve(f + ".key.pem")), after.getPublicKey()))
          .isTrue();
      assertThat(after.getSubjectX500Principal())
          .isEqualTo(before.get(f).getSubjectX500Principal());
      assertThat(crl.getRevokedCertificate(before.get(f).getSerialNumber()).getRevocationReason())
          .isEqualTo(java.security.cert.CRLReason.SUPERSEDED);
      assertThat(crl.isRevoked(after)).isFalse();
      validate(after, ca, crl);
    }
    assertThat(cert(pub.resolve("signing.crt.pem")))
        .isEqualTo(cert(node.resolve("signing.crt.pem")));
    assertThat(cert(pub.resolve("encryption.crt.pem")))
        .isEqualTo(cert(node.resolve("encryption.crt.pem")));
    assertThat(PkiFiles.readCrl(pki.directory().resolve("us.ice/ca.crl.pem"))).isEqualTo(crl);
    assertThat(crl.isRevoked(gatewayBefore)).isFalse();
    assertThat(cert(pki.gatewayDir("us.ice").resolve("tls.crt.pem"))).isEqualTo(gatewayBefore);
    // the old encryption key is kept for the node to re-seal its secrets under the new one
    try (var retired = java.nio.file.Files.list(node.resolve("retired"))) {
      assertThat(retired.map(DevPkiTest::read).toList())
          .containsExactly(keysBefore.get("encryption"));
    }

    assertKind(() -> pki.rotateNode("us.ice", "node-9"), PkiException.Kind.UNKNOWN_ENTITY);
  }

  @Test
  void rotateWithOverlap_oldStaysValidUntilRetired_thenOnlyTheSupersededAreRevoked()
      throws Exception {
    DevPki pki = twoAgencies();
    Path node = pki.nodeDir("us.ice", "node-1");
    Path gateway = pki.gatewayDir("us.ice");
    List<String> files = List.of("tls", "signing", "encryption");
    Map<String, X509Certificate> before =
        files.stream().collect(Collectors.toMap(f -> f, f -> cert(node.resolve(f + ".crt.pem"))));
    X509Certificate gatewayBefore = cert(gateway.resolve("tls.crt.pem"));
    X509Certificate otherNode = cert(pki.nodeDir("ru.skr", "node-1").resolve("signing.crt.pem"));

    pki.rotateNode("us.ice", "node-1", false);
    pki.rotateGateway("us.ice", false);

    X509Certificate ca = cert(pki.caCert("us.ice"));
    X509CRL overlap = Pem.readCrl(pki.caCrl("us.ice"));
    for (String f : files) {
      X509Certificate after = cert(node.resolve(f + ".crt.pem"));
      assertThat(after.getPublicKey()).as(f).isNotEqualTo(before.get(f).getPublicKey());
      assertThat(overlap.isRevoked(before.get(f))).as(f + " during the overlap").isFalse();
      validate(before.get(f), ca, overlap);
      validate(after, ca, overlap);
    }
    X509Certificate gatewayAfter = cert(gateway.resolve("tls.crt.pem"));
    assertThat(gatewayAfter.getPublicKey()).isNotEqualTo(gatewayBefore.getPublicKey());
    assertThat(overlap.isRevoked(gatewayBefore)).isFalse();

    assertThat(pki.retirePrevious("us.ice", node)).hasSize(3);
    X509CRL afterNode = Pem.readCrl(pki.caCrl("us.ice"));
    for (String f : files) {
      assertThat(
              afterNode
                  .getRevokedCertificate(before.get(f).getSerialNumber())
                  .getRevocationReason())
          .isEqualTo(java.security.cert.CRLReason.SUPERSEDED);
      assertThat(afterNode.isRevoked(cert(node.resolve(f + ".crt.pem")))).isFalse();
    }
    assertThat(afterNode.isRevoked(gatewayBefore))
        .as("the gateway is retired on its own")
        .isFalse();
    assertThat(pki.retirePrevious("us.ice", gateway)).hasSize(1);
    X509CRL end = Pem.readCrl(pki.caCrl("us.ice"));
    assertThat(end.isRevoked(gatewayBefore)).isTrue();
    assertThat(end.isRevoked(gatewayAfter)).isFalse();
    assertThat(Pem.readCrl(pki.caCrl("ru.skr")).isRevoked(otherNode)).isFalse();
    assertThat(pki.retirePrevious("us.ice", node)).as("nothing left to retire").isEmpty();
  }

  @Test
  void create_existingPki_refusedUnlessOverwrite() {
    DevPki first = twoAgencies();
    X509Certificate caBefore = cert(first.caCert("us.ice"));
    assertKind(
        () ->
            DevPki.create(
                first.root(), List.of(AgencySpec.withDefaults("us.ice")), Clock.systemUTC()),
        PkiException.Kind.ALREADY_EXISTS);
    assertThat(cert(first.caCert("us.ice"))).as("refusal leaves the PKI alone").isEqualTo(caBefore);

    DevPki second =
        DevPki.create(
            first.root(),
            List.of(AgencySpec.withDefaults("us.ice")),
            Clock.systemUTC(),
            Validity.DEFAULT,
            true);
    assertThat(cert(second.caCert("us.ice"))).isNotEqualTo(caBefore);
    assertThat(second.agencies()).containsExactly("us.ice");
    assertThat(second.directory().resolve("ru.skr")).doesNotExist();
  }

  @Test
  void addAgency_leavesExistingAgenciesUntouched() throws IOException {
    DevPki pki = twoAgencies();
    Map<Path, byte[]> before = snapshot(pki.agencyDir("us.ice"));
    before.putAll(snapshot(pki.directory().resolve("us.ice")));

    DevPki.open(pki.root()).addAgency(AgencySpec.parse("ca.rcmp:node-1,node-2:constable"));

    Map<Path, byte[]> after = snapshot(pki.agencyDir("us.ice"));
    after.putAll(snapshot(pki.directory().resolve("us.ice")));
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach(
        (file, bytes) -> assertThat(after.get(file)).as(file.toString()).isEqualTo(bytes));
    assertThat(pki.agencies()).containsExactly("ca.rcmp", "ru.skr", "us.ice");
    assertThat(pki.nodes("ca.rcmp")).containsExactly("node-1", "node-2");
    assertThat(pki.officers("ca.rcmp")).containsExactly("constable");
    assertThat(pki.directory().resolve("ca.rcmp/nodes/node-2/encryption.crt.pem")).isRegularFile();
    assertKind(
        () -> pki.addAgency(AgencySpec.withDefaults("us.ice")), PkiException.Kind.ALREADY_EXISTS);
  }

  @Test
  void addNodeAndOfficer_issueUnderTheAgencyCa() throws Exception {
    DevPki pki = twoAgencies();
    pki.addNode("ru.skr", "node-2");
    pki.addOfficer("ru.skr", "ivanov");
    X509Certificate ca = cert(pki.caCert("ru.skr"));
    X509CRL crl = PkiFiles.readCrl(pki.caCrl("ru.skr"));
    X509Certificate tls = cert(pki.nodeDir("ru.skr", "node-2").resolve("tls.crt.pem"));
    validate(tls, ca, crl);
    assertThat(tls.getSubjectX500Principal().getName())
        .isEqualTo("CN=node-2.ru.skr,OU=node,O=ru.skr");
    assertThat(cert(pki.directory().resolve("ru.skr/nodes/node-2/signing.crt.pem")))
        .isEqualTo(cert(pki.nodeDir("ru.skr", "node-2").resolve("signing.crt.pem")));
    X509Certificate officer = cert(pki.officerDir("ru.skr", "ivanov").resolve("tls.crt.pem"));
    validate(officer, ca, crl);
    assertThat(sans(officer)).containsExactly("6:urn:liaison:ru.skr:officer:ivanov");
    assertThat(pki.officerDir("ru.skr", "ivanov").resolve("tls.p12")).isRegularFile();

    assertKind(() -> pki.addNode("ru.skr", "node-2"), PkiException.Kind.ALREADY_EXISTS);
    assertKind(() -> pki.addNode("ru.skr", "Node 3"), PkiException.Kind.BAD_NAME);
    assertKind(() -> pki.addNode("ru.xxx", "node-3"), PkiException.Kind.UNKNOWN_AGENCY);
    assertKind(() -> pki.addNode("RU-SKR", "node-3"), PkiException.Kind.BAD_AGENCY_ID);
    assertKind(() -> pki.addOfficer("ru.skr", "ivanov"), PkiException.Kind.ALREADY_EXISTS);
  }

  @Test
  void validity_overrides_makeExpiredAndNotYetValidLeaves() {
    Instant now = Instant.now();
    DevPki pki =
        DevPki.create(
            tmp.resolve("pki"), List.of(AgencySpec.withDefaults("us.ice")), Clock.systemUTC());
    pki.validity(
        Validity.DEFAULT.withLeaf(Duration.ofDays(1)).withNotBefore(now.minus(Duration.ofDays(3))));
    pki.addNode("us.ice", "expired");
    pki.validity(Validity.DEFAULT.withNotBefore(now.plus(Duration.ofDays(30))));
    pki.addNode("us.ice", "future");

    X509Certificate expired = cert(pki.nodeDir("us.ice", "expired").resolve("tls.crt.pem"));
    X509Certificate future = cert(pki.nodeDir("us.ice", "future").resolve("tls.crt.pem"));
    assertThatThrownBy(expired::checkValidity).isInstanceOf(CertificateExpiredException.class);
    assertThatThrownBy(future::checkValidity).isInstanceOf(CertificateNotYetValidException.class);
    assertThat(future.getNotBefore().toInstant())
        .isEqualTo(now.plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS));
    assertThatThrownBy(() -> validate(expired, cert(pki.caCert("us.ice")), null))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void open_folderWithoutPki_refused() {
    assertKind(() -> DevPki.open(tmp), PkiException.Kind.NOT_A_PKI);
  }

  @Test
  void reissueCrls_increasesEveryCrlNumber() throws Exception {
    DevPki pki = twoAgencies();
    pki.reissueCrls();
    pki.reissueCrl("us.ice");
    assertThat(crlNumber(PkiFiles.readCrl(pki.caCrl("ru.skr")))).isEqualTo(BigInteger.TWO);
    assertThat(crlNumber(PkiFiles.readCrl(pki.caCrl("us.ice")))).isEqualTo(BigInteger.valueOf(3));
    assertThat(crlNumber(PkiFiles.readCrl(pki.directory().resolve("us.ice/ca.crl.pem"))))
        .isEqualTo(BigInteger.valueOf(3));
  }

  private DevPki twoAgencies() {
    return DevPki.create(
        tmp.resolve("pki"),
        List.of(AgencySpec.withDefaults("us.ice"), AgencySpec.withDefaults("ru.skr")),
        Clock.systemUTC());
  }

  private static void assertKind(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, PkiException.Kind kind) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PkiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.getMessage()).isNotBlank();
            });
  }

  private static Set<Integer> keyUsages(X509Certificate c) {
    boolean[] bits = c.getKeyUsage();
    Set<Integer> set = new HashSet<>();
    for (int i = 0; i < bits.length; i++) {
      if (bits[i]) {
        set.add(i);
      }
    }
    assertThat(c.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
    return set;
  }

  private static Set<String> sans(X509Certificate c) throws Exception {
    return c.getSubjectAlternativeNames().stream()
        .map(l -> l.get(0) + ":" + l.get(1))
        .collect(Collectors.toSet());
  }

  private static Set<String> union(Set<String> a, String b) {
    Set<String> s = new HashSet<>(a);
    s.add(b);
    return s;
  }

  private static byte[] skid(X509Certificate c) {
    byte[] ext = c.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    assertThat(ext).as("subject key identifier").isNotNull();
    return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets())
        .getKeyIdentifier();
  }

  private static byte[] akid(X509Certificate c) {
    return authorityKeyId(c.getExtensionValue(Extension.authorityKeyIdentifier.getId()));
  }

  private static byte[] authorityKeyId(byte[] ext) {
    assertThat(ext).as("authority key identifier").isNotNull();
    return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets())
        .getKeyIdentifierOctets();
  }

  private static BigInteger crlNumber(X509CRL crl) {
    byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
    assertThat(ext).as("CRL number").isNotNull();
    return ASN1Integer.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getValue();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<Path, byte[]> snapshot(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .collect(
              Collectors.toMap(
                  p -> p,
                  p -> Arrays.copyOf(readBytes(p), readBytes(p).length),
                  (x, y) -> x,
                  java.util.HashMap::new));
    }
  }

  private static byte[] readBytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
