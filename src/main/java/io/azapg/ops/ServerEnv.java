package io.azapg.ops;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PostgreSQL server named the way libpq's programs name it: by {@code PG*} environment variables.
 * The client programs run in a container on the host's network, so the connection variables are
 * passed to it; the password (from {@code PGPASSWORD}, {@code PGPASSFILE} or {@code ~/.pgpass}) is
 * not: it becomes the content of a password file written inside the container through stdin, so it
 * never reaches an argument list, the container's environment or {@code inspect} output.
 *
 * @param env the variables the client container gets (no password among them)
 * @param passfile the password file's content, if there is a password
 * @param rootCert the host file {@code PGSSLROOTCERT} names, mounted read-only, if set
 * @param database the database used when none is named
 * @param description how messages name the server
 */
public record ServerEnv(
    Map<String, String> env,
    Optional<byte[]> passfile,
    Optional<Path> rootCert,
    String database,
    String description) {

  /** Connection variables passed to the client programs as they are. */
  static final List<String> PASSED =
      List.of(
          "PGHOST",
          "PGHOSTADDR",
          "PGPORT",
          "PGDATABASE",
          "PGUSER",
          "PGOPTIONS",
          "PGAPPNAME",
          "PGSSLMODE",
          "PGSSLNEGOTIATION",
          "PGSSLMINPROTOCOLVERSION",
          "PGSSLMAXPROTOCOLVERSION",
          "PGREQUIREAUTH",
          "PGCHANNELBINDING",
          "PGCONNECT_TIMEOUT",
          "PGTARGETSESSIONATTRS",
          "PGLOADBALANCEHOSTS",
          "PGTZ",
          "PGCLIENTENCODING");

  /** Variables naming host files the container cannot use; refused rather than ignored. */
  static final List<String> REFUSED =
      List.of(
          "PGSSLCERT",
          "PGSSLKEY",
          "PGSSLCRL",
          "PGSSLCRLDIR",
          "PGSERVICE",
          "PGSERVICEFILE",
          "PGSYSCONFDIR",
          "PGKRBSRVNAME",
          "PGGSSLIB");

  /** Where the container finds the password file and the root certificate. */
  static final String PASSFILE = "/tmp/aza-pg-client.pgpass";

  static final String ROOT_CERT = "/run/aza-pg-client/root.crt";

  private static final String HOW =
      "name the server with PGHOST, PGPORT, PGUSER and PGDATABASE, and give the password in"
          + " PGPASSWORD, PGPASSFILE or ~/.pgpass";

  public ServerEnv {
    env = Map.copyOf(env);
    passfile = passfile.map(byte[]::clone);
  }

  /**
   * Reads the server from {@code variables} (the process environment).
   *
   * @param home the user's home directory, for {@code ~/.pgpass}
   * @param osUser the user name libpq would default {@code PGUSER} to
   */
  public static ServerEnv from(Map<String, String> variables, Path home, String osUser) {
    for (String v : REFUSED) {
      if (present(variables, v)) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            v + " is set, but the client programs run in a container and cannot use it",
            List.of(
                "unset "
                    + v
                    + " (client certificates, service files and Kerberos settings are not"
                    + " carried into the container); "
                    + HOW));
      }
    }
    String host = value(variables, "PGHOST");
    String hostaddr = value(variables, "PGHOSTADDR");
    if (!present(variables, "PGHOST") && !present(variables, "PGHOSTADDR")) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--pg-env needs PGHOST (or PGHOSTADDR): it is not set",
          List.of("e.g. export PGHOST=db.example.com; " + HOW));
    }
    if (!host.isEmpty()) {
      for (String h : host.split(",", -1)) {
        if (h.startsWith("/") || h.startsWith("@")) {
          throw new AzaPgException(
              ExitCode.INVALID_INPUT,
              "PGHOST=" + host + " names a Unix socket directory",
              List.of(
                  "the client programs run in a container and reach the server over TCP: set"
                      + " PGHOST to a host name or address (127.0.0.1 for this host)"));
        }
      }
    }
    String port = value(variables, "PGPORT");
    if (!port.isEmpty()) {
      for (String p : port.split(",", -1)) {
        if (!validPort(p.strip())) {
          throw new AzaPgException(
              ExitCode.INVALID_INPUT,
              "PGPORT=" + port + " is not a TCP port",
              List.of("set PGPORT to a number from 1 to 65535, e.g. 5432"));
        }
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (String v : PASSED) {
      if (present(variables, v)) {
        env.put(v, value(variables, v));
      }
    }
    env.putIfAbsent("PGUSER", osUser);
    String user = env.getOrDefault("PGUSER", osUser);
    Optional<Path> rootCert = Optional.empty();
    if (present(variables, "PGSSLROOTCERT")) {
      String value = value(variables, "PGSSLROOTCERT");
      if (value.equals("system")) {
        env.put("PGSSLROOTCERT", "system");
      } else {
        Path cert = Path.of(value).toAbsolutePath();
        if (!Files.isRegularFile(cert) || !Files.isReadable(cert)) {
          throw new AzaPgException(
              ExitCode.INVALID_INPUT,
              "PGSSLROOTCERT=" + value + " is not a readable file",
              List.of("point PGSSLROOTCERT at the CA certificate that signed the server's"));
        }
        rootCert = Optional.of(cert);
        env.put("PGSSLROOTCERT", ROOT_CERT);
      }
    }
    Optional<byte[]> passfile = passfile(variables, home);
    if (passfile.isPresent()) {
      env.put("PGPASSFILE", PASSFILE);
    }
    String database = present(variables, "PGDATABASE") ? value(variables, "PGDATABASE") : user;
    String where = !host.isEmpty() ? host : hostaddr;
    String description =
        "the server at "
            + where
            + (!port.isEmpty() ? " port " + port : "")
            + " (PG* variables, user "
            + user
            + ")";
    return new ServerEnv(env, passfile, rootCert, database, description);
  }

  private static Optional<byte[]> passfile(Map<String, String> variables, Path home) {
    if (present(variables, "PGPASSWORD")) {
      String password = value(variables, "PGPASSWORD");
      if (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "PGPASSWORD contains a line break, which a password file cannot hold",
            List.of(
                "put the password in a PGPASSFILE (its fields escaped as libpq documents), or"
                    + " change it"));
      }
      String escaped = password.replace("\\", "\\\\").replace(":", "\\:");
      return Optional.of(("*:*:*:*:" + escaped + "\n").getBytes(StandardCharsets.UTF_8));
    }
    boolean named = present(variables, "PGPASSFILE");
    Path file = named ? Path.of(value(variables, "PGPASSFILE")) : home.resolve(".pgpass");
    if (!Files.exists(file)) {
      if (named) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "PGPASSFILE=" + file + " does not exist",
            List.of("point PGPASSFILE at your password file, or unset it"));
      }
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot read the password file " + file + ": " + e.getMessage(),
          List.of("check its owner and mode (0600, owned by you)"));
    }
  }

  private static boolean present(Map<String, String> variables, String name) {
    return !value(variables, name).isEmpty();
  }

  /** The variable's value, or "" when it is not set (libpq treats both alike). */
  private static String value(Map<String, String> variables, String name) {
    return variables.getOrDefault(name, "");
  }

  private static boolean validPort(String p) {
    if (p.isEmpty()) {
      return true; // an empty element means the default port, as in libpq
    }
    if (!p.chars().allMatch(Character::isDigit) || p.length() > 5) {
      return false;
    }
    int n = Integer.parseInt(p);
    return n >= 1 && n <= 65535;
  }
}
