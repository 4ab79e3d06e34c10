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

  /** In the data directory itself: every {@code .conf} file in conf.d is a server settings file. */
  static final String HBA_INCLUDE = "aza-pg-tls-hba.conf";

  static final String HBA_MARKER = "# aza-pg: POSTGRES_HOST_AUTH_METHOD for every other client";
  static final String HBA_INCLUDE_LINE =
      "# aza-pg: with TLS on, clients from outside the container must use it\n"
          + "include_if_exists "
          + HBA_INCLUDE
          + "\n";

  /**
   * The rules of the TLS include, which pg_hba.conf reads after initdb's loopback lines (so the
   * healthcheck and local tools over 127.0.0.1 and ::1 keep working) and before the remote method:
   * a connection from anywhere else without TLS is rejected, a session or replication.
   */
  static final String HBA_RULES =
      "# aza-pg: TLS is on (rewritten at every start): a client from outside the container\n"
          + "# must use TLS; loopback connections were matched by the lines before the include\n"
          + "hostnossl all all all reject\n"
          + "hostnossl replication all all reject\n";

  static final String HBA_OFF =
      "# aza-pg: TLS is off (rewritten at every start): no rules; plain connections follow the\n"
          + "# remote method\n";

  private TlsFiles() {}

  static void apply(Env env, DataDir dataDir, Reporter reporter) {
    Optional<String> cert = env.fileOrValue(CERT).filter(v -> !v.isBlank());
    Optional<String> key = env.fileOrValue(KEY).filter(v -> !v.isBlank());
    if (cert.isEmpty() && key.isEmpty()) {
      dataDir.delete(INCLUDE);
      hba(dataDir, false, reporter);
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
    boolean enforced = hba(dataDir, true, reporter);
    reporter.info(
        enforced
            ? "TLS on; clients from outside the container must use it"
            : "TLS on; plain connections are still accepted (see the warning above)");
  }

  /**
   * Writes the TLS rules' include (or its empty form) and makes sure pg_hba.conf reads it: a
   * cluster made before the include existed gets the line in front of aza-pg's remote-method block.
   * A pg_hba.conf without that block is the user's own: it is left alone and, with TLS on, a
   * warning says that plain connections are not refused. Returns whether the rules apply.
   */
  static boolean hba(DataDir dataDir, boolean on, Reporter reporter) {
    dataDir.write(HBA_INCLUDE, on ? HBA_RULES : HBA_OFF);
    String hba = dataDir.read("pg_hba.conf").orElse("");
    if (hba.contains(HBA_INCLUDE_LINE)) {
      return true;
    }
    int at = hba.indexOf(HBA_MARKER);
    if (at < 0) {
      if (on) {
        reporter.warn(
            "pg_hba.conf has no aza-pg remote-method block, so the TLS rules ("
                + HBA_INCLUDE
                + ") are not read and plain connections are accepted; add the line 'include_if_exists "
                + HBA_INCLUDE
                + "' before your host rules to refuse them");
      }
      return false;
    }
    dataDir.write("pg_hba.conf", hba.substring(0, at) + HBA_INCLUDE_LINE + hba.substring(at));
    return true;
  }
}
