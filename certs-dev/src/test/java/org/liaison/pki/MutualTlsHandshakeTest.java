package org.liaison.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real mutual TLS 1.3 handshakes on loopback with the generated material, trusting one agency CA.
 */
class MutualTlsHandshakeTest {

  private static final String KEY_PASSWORD = "in-memory";

  @TempDir static Path tmp;
  static DevPki pki;
  static ExecutorService executor;

  @BeforeAll
  static void setUp() {
    pki =
        DevPki.create(
            tmp.resolve("pki"),
            List.of(AgencySpec.withDefaults("us.ice"), AgencySpec.withDefaults("ru.skr")),
            Clock.systemUTC());
    executor = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void tearDown() {
    executor.shutdownNow();
  }

  @Test
  void handshake_nodeToGatewayOfSameAgency_succeeds() throws Exception {
    SSLContext server = context(pem(pki.gatewayDir("us.ice")), "us.ice");
    SSLContext client = context(pem(pki.nodeDir("us.ice", "node-1")), "us.ice");
    try (SSLServerSocket listener = listen(server)) {
      Future<String> serverSide = executor.submit(() -> serveOnce(listener));
      try (SSLSocket socket = connect(client, listener)) {
        socket.startHandshake();
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(socket.getSession().getPeerPrincipal().getName())
            .isEqualTo("CN=gateway.us.ice,OU=gateway,O=us.ice");
        socket.getOutputStream().write(42);
        socket.getOutputStream().flush();
        assertThat(socket.getInputStream().read()).isEqualTo(42);
      }
      assertThat(serverSide.get(10, TimeUnit.SECONDS))
          .isEqualTo("CN=node-1.us.ice,OU=node,O=us.ice");
    }
  }

  @Test
  void handshake_officerP12ToNode_succeeds() throws Exception {
    SSLContext server = context(pem(pki.nodeDir("us.ice", "node-1")), "us.ice");
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    try (InputStream in =
        Files.newInputStream(pki.officerDir("us.ice", "officer-1").resolve("tls.p12"))) {
      p12.load(in, "changeit".toCharArray());
    }
    SSLContext client = context(p12, "changeit", "us.ice");
    try (SSLServerSocket listener = listen(server)) {
      Future<String> serverSide = executor.submit(() -> serveOnce(listener));
      try (SSLSocket socket = connect(client, listener)) {
        socket.getOutputStream().write(42);
        socket.getOutputStream().flush();
        assertThat(socket.getInputStream().read()).isEqualTo(42);
      }
      assertThat(serverSide.get(10, TimeUnit.SECONDS))
          .isEqualTo("CN=officer-1,OU=officer,O=us.ice");
    }
  }

  @Test
  void handshake_clientCertOfAnotherAgencysCa_rejectedByServer() throws Exception {
    SSLContext server = context(pem(pki.nodeDir("us.ice", "node-1")), "us.ice");
    // ru.skr's node trusts ICE's CA, so only the server's client-certificate check can stop it
    SSLContext client = context(pem(pki.nodeDir("ru.skr", "node-1")), "us.ice");
    try (SSLServerSocket listener = listen(server)) {
      Future<String> serverSide = executor.submit(() -> serveOnce(listener));
      int echoed;
      try (SSLSocket socket = connect(client, listener)) {
        socket.getOutputStream().write(42);
        socket.getOutputStream().flush();
        echoed = socket.getInputStream().read();
      } catch (SSLException | java.net.SocketException e) {
        echoed = -2;
      }
      assertThat(echoed).as("nothing echoed to an untrusted client").isNotEqualTo(42);
      assertThatThrownBy(() -> serverSide.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void handshake_serverCertOfAnotherAgencysCa_rejectedByClient() throws Exception {
    SSLContext server = context(pem(pki.gatewayDir("ru.skr")), "us.ice");
    SSLContext client = context(pem(pki.nodeDir("us.ice", "node-1")), "us.ice");
    try (SSLServerSocket listener = listen(server)) {
      Future<String> serverSide = executor.submit(() -> serveOnce(listener));
      try (SSLSocket socket = connect(client, listener)) {
        assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
      }
      assertThatThrownBy(() -> serverSide.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    }
  }

  private static String serveOnce(SSLServerSocket listener) throws IOException {
    try (SSLSocket socket = (SSLSocket) listener.accept()) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      String peer = socket.getSession().getPeerPrincipal().getName();
      int b = socket.getInputStream().read();
      socket.getOutputStream().write(b);
      socket.getOutputStream().flush();
      return peer;
    }
  }

  private static SSLServerSocket listen(SSLContext context) throws IOException {
    SSLServerSocket listener =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    listener.setEnabledProtocols(new String[] {"TLSv1.3"});
    listener.setNeedClientAuth(true);
    listener.setSoTimeout(10_000);
    return listener;
  }

  private static SSLSocket connect(SSLContext context, SSLServerSocket listener)
      throws IOException {
    SSLSocket socket =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    socket.setEnabledProtocols(new String[] {"TLSv1.3"});
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** A key store holding {@code tls.key.pem} with {@code tls.crt.pem}. */
  private static KeyStore pem(Path dir) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "tls",
        PkiFiles.readPrivateKey(dir.resolve("tls.key.pem")),
        KEY_PASSWORD.toCharArray(),
        new Certificate[] {PkiFiles.readCertificate(dir.resolve("tls.crt.pem"))});
    return keys;
  }

  private static SSLContext context(KeyStore keys, String trustedAgency) throws Exception {
    return context(keys, KEY_PASSWORD, trustedAgency);
  }

  private static SSLContext context(KeyStore keys, String password, String trustedAgency)
      throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(keys, password.toCharArray());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", PkiFiles.readCertificate(pki.caCert(trustedAgency)));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }
}
