package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * TLS for the server from {@code POSTGRES_TLS_DIR} (a read-only mount holding {@code server.crt},
 * {@code server.key} and optionally {@code ca.crt}): the files are copied into the data directory
 * owned by the server user (the key 0600, as PostgreSQL demands of a key it does not own as root),
 * and an include turns {@code ssl} on. Without the variable the include is removed, so TLS follows
 * the container's configuration at every start.
 */
final class TlsFiles {
  static final String VARIABLE = "POSTGRES_TLS_DIR";
  static final String INCLUDE = ConfIncludes.CONF_DIR + "/aza-pg-tls.conf";
  static final String DIR = "tls";

  private TlsFiles() {}

  static void apply(Env env, DataDir dataDir, Reporter reporter) {
    Optional<String> from = env.get(VARIABLE).filter(v -> !v.isBlank());
    if (from.isEmpty()) {
      dataDir.delete(INCLUDE);
      return;
    }
    Path dir = Path.of(from.get());
    String cert = read(dir, "server.crt", true).orElseThrow();
    String key = read(dir, "server.key", true).orElseThrow();
    Optional<String> ca = read(dir, "ca.crt", false);
    dataDir.mkdir(DIR);
    dataDir.write(DIR + "/server.crt", cert);
    dataDir.write(DIR + "/server.key", key);
    StringBuilder conf =
        new StringBuilder("# aza-pg: TLS from ")
            .append(VARIABLE)
            .append(" (rewritten at every start)\n")
            .append("ssl = on\n")
            .append("ssl_cert_file = '")
            .append(DIR)
            .append("/server.crt'\n")
            .append("ssl_key_file = '")
            .append(DIR)
            .append("/server.key'\n")
            .append("ssl_min_protocol_version = 'TLSv1.2'\n");
    if (ca.isPresent()) {
      dataDir.write(DIR + "/ca.crt", ca.get());
      conf.append("ssl_ca_file = '").append(DIR).append("/ca.crt'\n");
    }
    dataDir.mkdir(ConfIncludes.CONF_DIR);
    dataDir.write(INCLUDE, conf.toString());
    reporter.info("TLS on with the certificate from " + dir);
  }

  private static Optional<String> read(Path dir, String name, boolean required) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      if (!required) {
        return Optional.empty();
      }
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          VARIABLE + "=" + dir + ": " + name + " is missing",
          List.of(
              "mount a directory holding server.crt and server.key (aza-pg certs writes them)"));
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          VARIABLE + "=" + dir + ": cannot read " + name + ": " + e.getMessage(),
          List.of("the files must be readable by root in the container"));
    }
  }
}
