package io.azapg.stack;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.generate.compose.StackKind;
import io.azapg.generate.compose.StackOption;
import io.azapg.generate.compose.StackOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a running stack answers on the host: PostgreSQL (the superuser's URI), PgBouncer (for the
 * login roles you create: superusers and replication roles connect directly) and the exporters.
 *
 * @param endpoints name to URI, in a fixed order
 */
public record StackEndpoints(Map<String, String> endpoints) {

  /**
   * @param ca the CA of a stack that serves TLS: its database URIs then ask for {@code
   *     sslmode=verify-full} with that file
   */
  static StackEndpoints of(StackSpec spec, StackOptions o, java.util.Optional<Path> ca) {
    String bind = o.get(StackOption.BIND);
    String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    String db =
        o.get(StackOption.DATABASE)
            + ca.map(f -> "?sslmode=verify-full&sslrootcert=" + f.toAbsolutePath()).orElse("");
    Map<String, String> m = new LinkedHashMap<>();
    m.put("postgres", "postgresql://postgres@" + host + ":" + o.get(StackOption.PORT) + "/" + db);
    if (spec.kind() == StackKind.PRIMARY) {
      m.put(
          "pgbouncer", "postgresql://" + host + ":" + o.get(StackOption.PGBOUNCER_PORT) + "/" + db);
    }
    m.put("metrics", "http://" + host + ":" + o.get(StackOption.METRICS_PORT) + "/metrics");
    if (spec.kind() == StackKind.PRIMARY) {
      m.put(
          "pgbouncer-metrics",
          "http://" + host + ":" + o.get(StackOption.PGBOUNCER_METRICS_PORT) + "/metrics");
    }
    return new StackEndpoints(java.util.Collections.unmodifiableMap(m));
  }

  /**
   * Connects to every endpoint's port: an endpoint is printed only when something answers there.
   */
  public void verify() {
    for (Map.Entry<String, String> e : endpoints.entrySet()) {
      java.net.URI uri = java.net.URI.create(e.getValue());
      try (Socket s = new Socket()) {
        s.connect(
            new InetSocketAddress(uri.getHost().replace("[", "").replace("]", ""), uri.getPort()),
            5000);
      } catch (IOException ex) {
        throw new AzaPgException(
            ExitCode.ENGINE,
            e.getKey() + " is healthy but nothing answers at " + e.getValue() + " on this host",
            List.of("check that the port is free and published (aza-pg status --stack ...)"));
      }
    }
  }
}
