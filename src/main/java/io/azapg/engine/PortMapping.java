package io.azapg.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * A published port: host address and port (0 lets the engine choose) to a container port.
 *
 * @param hostIp the host address to bind; empty binds every address
 * @param hostPort the host port, or 0 for one the engine chooses
 * @param containerPort the port inside the container
 * @param protocol "tcp" or "udp"
 */
public record PortMapping(
    Optional<String> hostIp, int hostPort, int containerPort, String protocol) {
  public PortMapping {
    if (hostPort < 0 || hostPort > 65535 || containerPort < 1 || containerPort > 65535) {
      throw new IllegalArgumentException("port out of range: " + hostPort + " -> " + containerPort);
    }
    protocol = protocol.toLowerCase(Locale.ROOT);
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      throw new IllegalArgumentException("protocol must be tcp or udp: " + protocol);
    }
  }

  /** A TCP port published on the loopback address only. */
  public static PortMapping loopback(int hostPort, int containerPort) {
    return new PortMapping(Optional.of("127.0.0.1"), hostPort, containerPort, "tcp");
  }

  /** The {@code -p} value: {@code [ip:][hostPort:]containerPort[/udp]}. */
  String flagValue() {
    String host = hostPort == 0 ? "" : Integer.toString(hostPort);
    String prefix =
        hostIp.map(ip -> ip + ":" + host + ":").orElse(host.isEmpty() ? "" : host + ":");
    return prefix + containerPort + (protocol.equals("tcp") ? "" : "/" + protocol);
  }
}
