package org.liaison.node.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.liaison.wire.pki.Certificates;

/**
 * CSRF tokens bound to the officer's certificate: HMAC-SHA256 under a key that lives only in this
 * process, over the certificate's fingerprint. Pages carry the token; htmx sends it back in the
 * {@value #HEADER} header on every state change. Another site can make the browser present the
 * certificate but cannot read the token (same-origin policy), and a token of one officer is useless
 * to another. A restart invalidates open pages, which then reload.
 */
@ApplicationScoped
public class ConsoleCsrf {
  public static final String HEADER = "X-Liaison-CSRF";

  private final byte[] key = new byte[32];

  public ConsoleCsrf() {
    new SecureRandom().nextBytes(key);
  }

  public String tokenFor(ConsoleOfficer officer) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(
              mac.doFinal(
                  Certificates.fingerprint(officer.certificate())
                      .getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  public boolean valid(ConsoleOfficer officer, String token) {
    return token != null
        && MessageDigest.isEqual(
            tokenFor(officer).getBytes(StandardCharsets.US_ASCII),
            token.getBytes(StandardCharsets.US_ASCII));
  }
}
