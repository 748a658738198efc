package org.liaison.cli;

import io.grpc.BindableService;
import io.grpc.Server;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.liaison.pki.AgencySpec;
import org.liaison.pki.DevPki;
import org.liaison.wire.transport.GrpcServers;
import org.liaison.wire.transport.MutualTls;
import org.liaison.wire.transport.TlsIdentity;

/**
 * A fresh development PKI (us.ice and us.dea) and a real mutual-TLS gRPC server on loopback serving
 * a {@link ScriptedOfficer} and any other services a test scripts (as a node serves its officers'
 * services on one listener) with us.ice's node certificate, trusting us.ice's CA only.
 */
final class OfficerServerFixture implements AutoCloseable {

  final DevPki pki;
  final ScriptedOfficer officer = new ScriptedOfficer();
  private final Server server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  OfficerServerFixture(Path dir) throws Exception {
    this(dir, "us.ice");
  }

  /** A server presenting the node certificate of {@code serverAgency}, trusting us.ice. */
  OfficerServerFixture(Path dir, String serverAgency) throws Exception {
    this(dir, serverAgency, List.of());
  }

  /** us.ice's node serving {@code services} beside the scripted officer. */
  static OfficerServerFixture serving(Path dir, BindableService... services) throws Exception {
    return new OfficerServerFixture(dir, "us.ice", List.of(services));
  }

  private OfficerServerFixture(Path dir, String serverAgency, List<BindableService> services)
      throws Exception {
    pki =
        DevPki.create(
            dir.resolve("pki"),
            List.of(AgencySpec.withDefaults("us.ice"), AgencySpec.withDefaults("us.dea")),
            Clock.systemUTC());
    TlsIdentity identity = TlsIdentity.fromFolder(pki.nodeDir(serverAgency, "node-1"));
    List<BindableService> served = new ArrayList<>(services);
    served.add(officer);
    server =
        GrpcServers.start(
            "127.0.0.1",
            0,
            MutualTls.server(identity, trusting(pki.caCert("us.ice"))),
            1 << 20,
            executor,
            served);
  }

  String address() {
    return "localhost:" + server.getPort();
  }

  /** CLI arguments that connect as {@code agency}'s officer-1 through the PKI layout. */
  String[] connectAs(String agency) {
    return new String[] {
      "--node",
      address(),
      "--pki",
      pki.root().toString(),
      "--agency",
      agency,
      "--officer",
      "officer-1"
    };
  }

  OfficerCredentials credentials(String agency) {
    return OfficerCredentials.fromPki(pki.root(), agency, "officer-1");
  }

  static X509TrustManager trusting(Path caPem) throws Exception {
    X509Certificate ca;
    try (InputStream in = Files.newInputStream(caPem)) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    ks.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }

  @Override
  public void close() throws IOException, InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    executor.shutdownNow();
  }
}
