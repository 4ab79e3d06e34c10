package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import java.util.List;
import java.util.Optional;

/**
 * TLS for the server from {@code POSTGRES_TLS_CERT_FILE}, {@code POSTGRES_TLS_KEY_FILE} and
 * optionally {@code POSTGRES_TLS_CA_FILE} (read by the entrypoint's root step like every {@code
 * *_FILE} secret and handed over on its pipe): the files are written into the data directory owned
 * by the server user (0600, as PostgreSQL demands of a key), and an include turns {@code ssl} on.
 * Without the variables the include is removed, so TLS follows the container's configuration at
 * every start.
 */
final class TlsFiles {
  static final String CERT = "POSTGRES_TLS_CERT";
  static final String KEY = "POSTGRES_TLS_KEY";
  static final String CA = "POSTGRES_TLS_CA";
  static final String INCLUDE = ConfIncludes.CONF_DIR + "/aza-pg-tls.conf";
  static final String DIR = "tls";

  private TlsFiles() {}

  static void apply(Env env, DataDir dataDir, Reporter reporter) {
    Optional<String> cert = env.fileOrValue(CERT).filter(v -> !v.isBlank());
    Optional<String> key = env.fileOrValue(KEY).filter(v -> !v.isBlank());
    if (cert.isEmpty() && key.isEmpty()) {
      dataDir.delete(INCLUDE);
      return;
    }
    if (cert.isEmpty() || key.isEmpty()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          (cert.isEmpty() ? CERT : KEY)
              + "_FILE is not set but "
              + (cert.isEmpty() ? KEY : CERT)
              + "_FILE is",
          List.of("set both (aza-pg certs writes server.crt and server.key), or neither"));
    }
    Optional<String> ca = env.fileOrValue(CA).filter(v -> !v.isBlank());
    dataDir.mkdir(DIR);
    dataDir.write(DIR + "/server.crt", cert.get() + "\n");
    dataDir.write(DIR + "/server.key", key.get() + "\n");
    StringBuilder conf =
        new StringBuilder("# aza-pg: TLS from ")
            .append(CERT)
            .append("_FILE and ")
            .append(KEY)
            .append("_FILE (rewritten at every start)\n")
            .append("ssl = on\n")
            .append("ssl_cert_file = '")
            .append(DIR)
            .append("/server.crt'\n")
            .append("ssl_key_file = '")
            .append(DIR)
            .append("/server.key'\n")
            .append("ssl_min_protocol_version = 'TLSv1.2'\n");
    if (ca.isPresent()) {
      dataDir.write(DIR + "/ca.crt", ca.get() + "\n");
      conf.append("ssl_ca_file = '").append(DIR).append("/ca.crt'\n");
    }
    dataDir.mkdir(ConfIncludes.CONF_DIR);
    dataDir.write(INCLUDE, conf.toString());
    reporter.info("TLS on");
  }
}
