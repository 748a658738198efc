package org.liaison.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Free TCP ports on loopback. The ports of one call are distinct (all are held open together while
 * they are chosen), and this JVM never hands out the same port twice.
 *
 * <p>They are chosen below the kernel's ephemeral range (Linux: {@code
 * /proc/sys/net/ipv4/ip_local_port_range}), where no outgoing connection and no other process
 * binding port 0 takes one of them in the seconds until the process it is meant for binds it: on a
 * machine shared with other builds, federations failed to start with "Address already in use" when
 * their ports came from that range.
 */
public final class FreePorts {

  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  /** The lowest port chosen: above the registered services this machine is likely to run. */
  static final int LOWEST = 20_000;

  private static final Random RANDOM = new Random();

  private FreePorts() {}

  /** {@code count} distinct ports that were free on 127.0.0.1 a moment ago. */
  public static synchronized List<Integer> allocate(int count) {
    List<ServerSocket> held = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    int below = ephemeralStart();
    try {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      int attempts = 0;
      while (ports.size() < count) {
        if (++attempts > count * 20 + 100) {
          throw new UncheckedIOException(
              new IOException("Could not find " + count + " free loopback ports."));
        }
        ServerSocket s;
        try {
          s =
              below > LOWEST + 1000
                  ? new ServerSocket(LOWEST + RANDOM.nextInt(below - LOWEST), 1, loopback)
                  : new ServerSocket(0, 1, loopback);
        } catch (BindException taken) {
          continue;
        }
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

  /** The first port of the kernel's ephemeral range, or 0 where it cannot be read. */
  static int ephemeralStart() {
    try {
      // (a file of /proc says it is empty: read it line by line, not by its size)
      String range =
          Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).strip();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
