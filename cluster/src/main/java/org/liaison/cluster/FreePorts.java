package org.liaison.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Free TCP ports on loopback. The ports of one call are distinct (all are held open together while
 * they are chosen), and this JVM never hands out the same port twice.
 */
public final class FreePorts {

  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreePorts() {}

  /** {@code count} distinct ports that were free on 127.0.0.1 a moment ago. */
  public static synchronized List<Integer> allocate(int count) {
    List<ServerSocket> held = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      int attempts = 0;
      while (ports.size() < count) {
        if (++attempts > count * 20 + 100) {
          throw new UncheckedIOException(
              new IOException("Could not find " + count + " free loopback ports."));
        }
        ServerSocket s = new ServerSocket(0, 1, loopback);
        held.add(s);
        if (HANDED_OUT.add(s.getLocalPort())) {
          ports.add(s.getLocalPort());
        }
      }
      return List.copyOf(ports);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open a loopback socket to find a free port", e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // the port is free again either way once the JVM lets go of it
        }
      }
    }
  }

  /** One free port. */
  public static int allocate() {
    return allocate(1).get(0);
  }
}
