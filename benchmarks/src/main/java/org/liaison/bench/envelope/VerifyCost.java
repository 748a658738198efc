package org.liaison.bench.envelope;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import org.liaison.wire.crypto.Ecdsa;

/**
 * CPU per ECDSA P-256 verification with a key object seen before (its parameters and precomputed
 * multiples reused, as for a partner's certificate parsed once) against a new key object each time
 * (what every verification cost before). Usage: {@code java -cp
 * benchmarks/target/liaison-benchmarks.jar org.liaison.bench.envelope.VerifyCost [n]}.
 */
public final class VerifyCost {
  private VerifyCost() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    byte[] message = new byte[300];
    byte[] signature = Ecdsa.sign(pair.getPrivate(), message);
    KeyFactory keys = KeyFactory.getInstance("EC");
    byte[] spki = pair.getPublic().getEncoded();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up
      long c0 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        check(Ecdsa.verify(pair.getPublic(), message, signature));
      }
      long c1 = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        PublicKey fresh = keys.generatePublic(new X509EncodedKeySpec(spki));
        check(Ecdsa.verify(fresh, message, signature));
      }
      long c2 = threads.getCurrentThreadCpuTime();
      System.out.printf(
          "ECDSA P-256 verify, µs CPU: key seen before %.1f; new key object each time %.1f%n",
          (c1 - c0) / 1e3 / n, (c2 - c1) / 1e3 / n);
    }
  }

  private static void check(boolean ok) {
    if (!ok) {
      throw new AssertionError("a valid signature did not verify");
    }
  }
}
