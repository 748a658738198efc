package org.liaison.wire.crypto;

import java.util.Set;

/** The fixed allow-list of cipher suites. There is exactly one; anything else is refused. */
public final class Suites {

  /** ECDSA P-256/SHA-256 signatures; HPKE DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-256-GCM. */
  public static final String V1 = "LIAISON-1/ECDSA-P256-SHA256/HPKE-P256-SHA256-AES256GCM";

  /** The only protocol version the wire speaks. */
  public static final int PROTOCOL_VERSION = 1;

  private static final Set<String> ALLOWED = Set.of(V1);

  private Suites() {}

  /** True only for a suite on the allow-list (exact, case-sensitive match). */
  public static boolean isAllowed(String suite) {
    return suite != null && ALLOWED.contains(suite);
  }
}
