package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a streaming replica ({@code POSTGRES_ROLE=replica}) needs to know about its primary, parsed
 * and validated before anything is written: a bad value stops start-up with one line naming the
 * variable, and the volume stays as it was.
 *
 * @param host {@code PRIMARY_HOST} (required): the primary's host name or address
 * @param port {@code PRIMARY_PORT}, default 5432
 * @param user {@code PG_REPLICATION_USER}, default {@value StartupConfig#REPLICATION_ROLE}
 * @param password {@code PG_REPLICATION_PASSWORD[_FILE]} (required)
 * @param slot {@code REPLICATION_SLOT_NAME}: the physical slot on the primary this replica streams
 *     from
 * @param waitTimeout {@code PRIMARY_WAIT_TIMEOUT} in seconds, default 120: how long the first start
 *     waits for the primary to answer
 */
public record StandbyConfig(
    String host,
    int port,
    String user,
    Secret password,
    String slot,
    Duration waitTimeout,
    String sslMode,
    Optional<String> rootCert) {
  /**
   * libpq's sslmode values; the two that verify need the CA that signed the primary's certificate.
   */
  static final List<String> SSL_MODES =
      List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9_.:\\-\\[\\]]{1,253}$");
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(120);

  /**
   * The standby's configuration when {@code POSTGRES_ROLE=replica}; empty for a primary.
   *
   * @throws io.azapg.common.AzaPgException naming the variable when a value is missing or invalid
   */
  public static Optional<StandbyConfig> parse(Env env, StartupConfig cfg) {
    if (cfg.role() != ServerRole.REPLICA) {
      return Optional.empty();
    }
    String host =
        env.get("PRIMARY_HOST")
            .orElseThrow(
                () ->
                    StartupConfigParser.invalid(
                        "PRIMARY_HOST",
                        "",
                        "POSTGRES_ROLE=replica needs the primary's host name (e.g."
                            + " PRIMARY_HOST=postgres, the primary's service on a shared network)"));
    if (!HOST.matcher(host).matches()) {
      throw StartupConfigParser.invalid(
          "PRIMARY_HOST", host, "expected a host name or an IP address");
    }
    int port = number(env, "PRIMARY_PORT", "5432", 1, 65535, "a port number from 1 to 65535");
    String user = env.get("PG_REPLICATION_USER", StartupConfig.REPLICATION_ROLE);
    if (user.getBytes(StandardCharsets.UTF_8).length > 63 || user.indexOf('\n') >= 0) {
      throw StartupConfigParser.invalid(
          "PG_REPLICATION_USER", user, "expected a role name of at most 63 bytes on one line");
    }
    Secret password =
        cfg.replicationPassword()
            .filter(p -> !p.isEmpty())
            .orElseThrow(
                () ->
                    StartupConfigParser.invalid(
                        "PG_REPLICATION_PASSWORD",
                        "",
                        "POSTGRES_ROLE=replica needs the replication role's password (set"
                            + " PG_REPLICATION_PASSWORD_FILE to the primary's secret file)"));
    if (password.reveal().indexOf('\n') >= 0 || password.reveal().indexOf('\r') >= 0) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "PG_REPLICATION_PASSWORD is not valid: it contains a line break (the passfile the"
              + " replica connects with holds one line per entry)");
    }
    if (cfg.walLevel() == WalLevel.MINIMAL) {
      throw StartupConfigParser.invalid(
          "POSTGRES_WAL_LEVEL", "minimal", "a replica needs replica or logical");
    }
    int wait =
        number(env, "PRIMARY_WAIT_TIMEOUT", "120", 1, 86400, "a number of seconds from 1 to 86400");
    String sslMode = env.get("PRIMARY_SSLMODE", "prefer").strip();
    if (!SSL_MODES.contains(sslMode)) {
      throw StartupConfigParser.invalid(
          "PRIMARY_SSLMODE", sslMode, "expected one of " + String.join(", ", SSL_MODES));
    }
    Optional<String> rootCert = Optional.empty();
    if (sslMode.startsWith("verify-")) {
      rootCert =
          Optional.of(
              env.fileOrValue(TlsFiles.CA)
                  .filter(v -> !v.isBlank())
                  .orElseThrow(
                      () ->
                          StartupConfigParser.invalid(
                              "PRIMARY_SSLMODE",
                              sslMode,
                              "verifying the primary needs the CA that signed its certificate:"
                                  + " set POSTGRES_TLS_CA_FILE (a stack with tls=on does)")));
    }
    return Optional.of(
        new StandbyConfig(
            host,
            port,
            user,
            password,
            cfg.replicationSlot(),
            Duration.ofSeconds(wait),
            sslMode,
            rootCert));
  }

  /** {@code host:port}, for messages. */
  public String address() {
    return host + ":" + port;
  }

  private static int number(
      Env env, String variable, String fallback, int min, int max, String expected) {
    String raw = env.get(variable, fallback);
    try {
      int value = Integer.parseInt(raw.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw StartupConfigParser.invalid(variable, raw, "expected " + expected);
  }
}
