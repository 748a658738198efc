package org.liaison.cluster.kit;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

/**
 * A stand-in for a node or gateway: serves {@code /q/health/ready} on the port given. Modes: {@code
 * ready} (200), {@code never} (503 forever), {@code exit} (exits 3 at once), {@code spawn} (ready,
 * and starts a child process that would outlive it).
 */
public final class HealthyMain {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String mode = args[1];
    if (mode.equals("exit")) {
      System.out.println("cannot open the database: failing on purpose");
      System.exit(3);
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/q/health/ready",
        exchange -> {
          int code = mode.equals("never") ? 503 : 200;
          System.out.println("health asked, answering " + code);
          exchange.sendResponseHeaders(code, -1);
          exchange.close();
        });
    server.start();
    System.out.println("listening on " + port + " in mode " + mode);
    if (mode.equals("spawn")) {
      Process child = new ProcessBuilder("sleep", "300").start();
      System.out.println("child pid " + child.pid());
    }
    System.out.flush();
    Thread.currentThread().join();
  }
}
