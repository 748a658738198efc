package org.liaison.node.console;

import io.grpc.Status;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.liaison.node.config.NodeConfig;
import org.liaison.node.runtime.NodeKeys;
import org.liaison.wire.pki.AgencyTrustManager;
import org.liaison.wire.pki.CertificateRole;
import org.liaison.wire.pki.CertificateValidationException;
import org.liaison.wire.text.Sentences;
import org.liaison.wire.transport.Refusals;

/**
 * In front of every console page and asset: only over HTTPS with a verified officer certificate of
 * this agency ({@link ConsoleOfficer}), not revoked as the trust directory stands now; a Content
 * Security Policy that allows nothing but this origin; and a CSRF token ({@link ConsoleCsrf}) plus
 * a same-origin check on every state change.
 */
@ApplicationScoped
public class ConsoleGate {
  static final String OFFICER = ConsoleOfficer.class.getName();
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  @Inject NodeConfig config;
  @Inject ConsoleCsrf csrf;
  @Inject NodeKeys keys;

  private volatile AgencyTrustManager officers;

  void register(@Observes Filters filters) {
    filters.register(this::handle, 100);
  }

  private void handle(RoutingContext rc) {
    String path = rc.normalizedPath();
    if (!path.startsWith("/console") && !path.startsWith("/webjars")) {
      rc.next();
      return;
    }
    var headers = rc.response().headers();
    headers.set("Content-Security-Policy", CSP);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cache-Control", path.startsWith("/webjars") ? "max-age=86400" : "no-store");
    if (!rc.request().isSSL()) {
      refuse(
          rc,
          403,
          "The console is served over HTTPS only, to officers who present their certificate.");
      return;
    }
    ConsoleOfficer officer;
    try {
      officer = ConsoleOfficer.of(clientCertificate(rc.request().sslSession()), config.agency());
    } catch (ConsoleOfficer.NotAnOfficerOfThisAgency e) {
      refuse(rc, 403, e.getMessage());
      return;
    } catch (SSLPeerUnverifiedException e) {
      refuse(rc, 401, "Present your officer certificate to use the console.");
      return;
    }
    try {
      // the HTTPS trust store holds only the agency CA: revocation is checked here, on every
      // request, against the trust directory as the node reloads it (as the gRPC listeners do)
      officers().check(new X509Certificate[] {officer.certificate()});
    } catch (CertificateValidationException e) {
      refuse(
          rc,
          403,
          Sentences.callFailed(
              Refusals.refuse(
                  Status.Code.PERMISSION_DENIED,
                  e.reason(),
                  "your certificate is no longer trusted: " + e.getMessage()),
              "the node"));
      return;
    }
    if (rc.request().method() != HttpMethod.GET && rc.request().method() != HttpMethod.HEAD) {
      if (!sameOrigin(rc)) {
        refuse(rc, 403, "This request came from another site and was not carried out.");
        return;
      }
      String token = rc.request().getHeader(ConsoleCsrf.HEADER);
      if (token == null) {
        // a plain form (the audit download) carries the token in its action URL
        token = rc.request().getParam("csrf");
      }
      if (!csrf.valid(officer, token)) {
        refuse(
            rc,
            403,
            "This page has expired (the node restarted or the form is stale): reload it and try"
                + " again.");
        return;
      }
    }
    rc.put(OFFICER, officer);
    rc.next();
  }

  private AgencyTrustManager officers() {
    AgencyTrustManager t = officers;
    if (t == null) {
      t = keys.ownAgencyTrust(CertificateRole.OFFICER);
      officers = t;
    }
    return t;
  }

  private static X509Certificate clientCertificate(SSLSession session)
      throws SSLPeerUnverifiedException {
    if (session == null) {
      throw new SSLPeerUnverifiedException("no TLS session");
    }
    Certificate[] chain = session.getPeerCertificates();
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      throw new SSLPeerUnverifiedException("no client certificate");
    }
    return leaf;
  }

  /** Browsers send Origin (and Sec-Fetch-Site) on every POST; both must say this origin. */
  private static boolean sameOrigin(RoutingContext rc) {
    String site = rc.request().getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin")) {
      return false;
    }
    String origin = rc.request().getHeader("Origin");
    if (origin == null) {
      return true;
    }
    // the authority is the Host header (HTTP/1.1) or the :authority pseudo-header (HTTP/2)
    var authority = rc.request().authority();
    return authority != null
        && origin.equals(
            "https://" + authority.host() + (authority.port() > 0 ? ":" + authority.port() : ""));
  }

  private static void refuse(RoutingContext rc, int status, String sentence) {
    rc.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(sentence);
  }
}
