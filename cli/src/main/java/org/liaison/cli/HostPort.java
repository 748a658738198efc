package org.liaison.cli;

/** A {@code host:port} address; IPv6 hosts in brackets ({@code [::1]:9102}). */
record HostPort(String host, int port) {

  static HostPort parse(String address) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException(
          "No node address: give --node host:port or set LIAISON_NODE.");
    }
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException(
          "The node address '" + address + "' is not host:port (for example localhost:9102).");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "The port in the node address '" + address + "' is not a number from 1 to 65535.");
    }
    return new HostPort(host, port);
  }
}
