package org.liaison.node.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The node's secret salt for identifiers in audit entries: HMAC-SHA-256(salt, type ":" value). An
 * oversight body that holds an identifier asks the node to hash it and searches the bundle; nobody
 * can recover identifiers from the bundle alone.
 */
@ApplicationScoped
public class AuditSalt {
  @Inject EntityManager em;

  private volatile byte[] salt;

  /** Creates the salt on first use, committed on its own so it never changes afterwards. */
  byte[] hash(String type, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt(), "HmacSHA256"));
      return mac.doFinal((type + ":" + value).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] salt() {
    byte[] s = salt;
    if (s != null) {
      return s;
    }
    s = QuarkusTransaction.requiringNew().call(this::loadOrCreate);
    salt = s;
    return s;
  }

  private byte[] loadOrCreate() {
    byte[] s;
    @SuppressWarnings("unchecked")
    List<byte[]> found =
        em.createNativeQuery("select salt from audit_secret where id = 1").getResultList();
    if (found.isEmpty()) {
      s = new byte[32];
      new SecureRandom().nextBytes(s);
      em.createNativeQuery("insert into audit_secret (id, salt) values (1, ?1)")
          .setParameter(1, s)
          .executeUpdate();
    } else {
      s = found.get(0);
    }
    return s;
  }
}
