package org.liaison.node.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import org.liaison.node.runtime.NodeSecrets;

/**
 * The node's secret salt for identifiers in audit entries: HMAC-SHA-256(salt, type ":" value). An
 * oversight body that holds an identifier asks the node to hash it and searches the bundle; nobody
 * can recover identifiers from the bundle alone.
 *
 * <p>The salt is stored sealed under the node's key store ({@link NodeSecrets}), never in the
 * clear: a copied database does not give it away. A plain salt of an earlier version is sealed and
 * erased on first use. The salt never changes (every earlier entry is hashed under it), so a salt
 * that opens under none of the node's keys stops the node from writing audit entries (fail closed)
 * rather than starting a new one; a salt sealed under a retired key (the node's encryption key was
 * replaced, the old one kept in {@code <pki>/retired/}) is re-sealed under the current key
 * (docs/security-model.md, "Rotating a node's keys").
 */
@ApplicationScoped
public class AuditSalt {
  private static final Logger LOG = Logger.getLogger(AuditSalt.class);
  static final String SECRET = "audit-salt";

  @Inject EntityManager em;
  @Inject NodeSecrets secrets;

  private volatile byte[] salt;

  /** Seals a plain salt of an earlier version at start rather than on the first entry. */
  void sealAtStart(@Observes StartupEvent start) {
    salt();
  }

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

  /** Drops the salt held in memory: the next entry reads the stored row again (after a restore). */
  void forget() {
    salt = null;
  }

  private byte[] salt() {
    byte[] s = salt;
    if (s != null) {
      return s;
    }
    synchronized (this) {
      if (salt == null) {
        salt = QuarkusTransaction.requiringNew().call(this::loadOrCreate);
      }
      return salt;
    }
  }

  private byte[] loadOrCreate() {
    @SuppressWarnings("unchecked")
    List<Object[]> found =
        em.createNativeQuery("select salt, sealed_salt from audit_secret where id = 1")
            .getResultList();
    if (found.isEmpty()) {
      byte[] s = new byte[32];
      new SecureRandom().nextBytes(s);
      em.createNativeQuery("insert into audit_secret (id, sealed_salt) values (1, ?1)")
          .setParameter(1, secrets.seal(SECRET, s))
          .executeUpdate();
      return s;
    }
    Resolved r = resolve((byte[]) found.get(0)[0], (byte[]) found.get(0)[1], secrets);
    if (r.reseal() != null) {
      LOG.info("the audit salt is now sealed under the node's current key");
      store(r.reseal());
    }
    return r.salt();
  }

  /** The salt, and what to store instead of the row when it must be (re-)sealed. */
  record Resolved(byte[] salt, byte[] reseal) {}

  /**
   * Opens the stored salt: a plain one (an earlier version) or one sealed under a retired key is
   * returned with its sealing under the current key; one that opens under no key fails closed.
   */
  static Resolved resolve(byte[] plain, byte[] sealed, NodeSecrets secrets) {
    if (sealed == null) {
      if (plain == null) {
        throw new IllegalStateException(
            "the audit salt row holds neither a sealed nor a plain salt; restore the database");
      }
      return new Resolved(plain, secrets.seal(SECRET, plain));
    }
    Optional<byte[]> opened = secrets.open(SECRET, sealed);
    if (opened.isEmpty()) {
      throw new IllegalStateException(
          "the audit salt does not open under this node's encryption key nor any key in "
              + secrets.retiredKeysDir()
              + "; put the encryption.key.pem it was sealed under there and restart (a new salt"
              + " would make every earlier audit entry unsearchable)");
    }
    return new Resolved(
        opened.get(),
        secrets.openedUnderCurrentKey(SECRET, sealed) ? null : secrets.seal(SECRET, opened.get()));
  }

  private void store(byte[] sealed) {
    em.createNativeQuery("update audit_secret set sealed_salt = ?1, salt = null where id = 1")
        .setParameter(1, sealed)
        .executeUpdate();
  }
}
