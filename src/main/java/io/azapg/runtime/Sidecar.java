package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.db.PasswordVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Credentials for the services a stack runs from this image besides PostgreSQL: PgBouncer and the
 * two exporters. Started as root, the {@code aza-pg-sidecar} script calls this to read the secret
 * files Compose mounts (root-only on the host) and to write what each program reads, owned by the
 * user it then drops to, mode 0600 from creation, under a tmpfs: PgBouncer's auth file, and a libpq
 * passfile for each exporter. No password reaches an argv or the environment.
 */
public final class Sidecar {
  /** PgBouncer's user that checks passwords for everyone else ({@code auth_user}). */
  public static final String AUTH_USER = StackRoles.POOLER_ROLE;

  /** PgBouncer's statistics user (SHOW commands): the pgbouncer exporter and the healthcheck. */
  public static final String STATS_USER = "pgbouncer_stats";

  /** PgBouncer's administration user (PAUSE, RELOAD, ...). */
  public static final String ADMIN_USER = "pgbouncer_admin";

  /** The services, each with the user it runs as. */
  public enum Service {
    PGBOUNCER("postgres"),
    POSTGRES_EXPORTER("prometheus"),
    PGBOUNCER_EXPORTER("prometheus");

    private final String user;

    Service(String user) {
      this.user = user;
    }

    /** {@code pgbouncer}, {@code postgres-exporter}, {@code pgbouncer-exporter}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses an id, naming the valid ones when it is not one. */
    public static Service parse(String id) {
      for (Service s : values()) {
        if (s.id().equals(id)) {
          return s;
        }
      }
      throw new AzaPgException(
          ExitCode.USAGE,
          "unknown service \""
              + id
              + "\": expected pgbouncer, postgres-exporter or pgbouncer-exporter");
    }
  }

  private final Env env;
  private final Path runDir;
  private final Passwd passwd;
  private final boolean chown;

  /**
   * @param runDir where the credential files go ({@code /run/aza-pg}, a tmpfs in the stacks)
   * @param passwdText the image's /etc/passwd
   * @param chown whether to hand the files to the service's user (only root can)
   */
  public Sidecar(Env env, Path runDir, String passwdText, boolean chown) {
    this.env = env;
    this.runDir = runDir;
    this.passwd = Passwd.parse(passwdText);
    this.chown = chown;
  }

  /** The image's sidecar: files under {@code /run/aza-pg}, handed over when running as root. */
  public static Sidecar inImage(Env env) {
    SystemPaths paths = SystemPaths.image();
    return new Sidecar(
        env,
        Path.of("/run/aza-pg"),
        SystemPaths.readOrEmpty(paths.passwd()),
        paths.identity()[0] == 0);
  }

  /** Writes the service's credential files; returns the directory that holds them. */
  public Path prepare(Service service) {
    Path dir = runDir.resolve(service.id());
    switch (service) {
      case PGBOUNCER -> {
        String auth = secret("PGBOUNCER_AUTH_PASSWORD");
        String stats = secret("PGBOUNCER_STATS_PASSWORD");
        String admin = secret("PGBOUNCER_ADMIN_PASSWORD");
        write(
            service,
            "userlist.txt",
            entry(AUTH_USER, auth)
                + entry(STATS_USER, PasswordVerifier.scramSha256(stats))
                + entry(ADMIN_USER, PasswordVerifier.scramSha256(admin)));
        write(service, "pgpass", passfile(STATS_USER, stats));
        tlsFiles(service);
      }
      case POSTGRES_EXPORTER ->
          write(
              service,
              "pgpass",
              passfile(
                  env.get("POSTGRES_EXPORTER_USER", StackRoles.EXPORTER_ROLE),
                  secret("POSTGRES_EXPORTER_PASSWORD")));
      case PGBOUNCER_EXPORTER ->
          write(service, "pgpass", passfile(STATS_USER, secret("PGBOUNCER_STATS_PASSWORD")));
    }
    return dir;
  }

  /**
   * PgBouncer's certificate, key and CA from {@code PGBOUNCER_TLS_CERT_FILE}, {@code
   * PGBOUNCER_TLS_KEY_FILE} and {@code PGBOUNCER_TLS_CA_FILE} (a stack with {@code tls=on}),
   * written next to its auth file for the user it runs as, 0600; all three or none.
   */
  private void tlsFiles(Service service) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("PGBOUNCER_TLS_CERT", "server.crt");
    files.put("PGBOUNCER_TLS_KEY", "server.key");
    files.put("PGBOUNCER_TLS_CA", "ca.crt");
    Map<String, String> found = new LinkedHashMap<>();
    files.forEach(
        (name, file) ->
            env.fileOrValue(name).filter(v -> !v.isBlank()).ifPresent(v -> found.put(name, v)));
    if (found.isEmpty()) {
      return;
    }
    if (found.size() != files.size()) {
      List<String> missing = new ArrayList<>(files.keySet());
      missing.removeAll(found.keySet());
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          String.join("_FILE, ", missing)
              + "_FILE not set (or empty) but "
              + String.join("_FILE, ", found.keySet())
              + "_FILE set: PgBouncer's TLS needs the certificate, its key and the CA",
          List.of("set all three (aza-pg certs writes server.crt, server.key and ca.crt)"));
    }
    files.forEach(
        (name, file) -> write(service, file, found.getOrDefault(name, "").strip() + "\n"));
  }

  /** A secret from X_FILE (or X); missing, empty or multi-line is refused, naming X_FILE. */
  private String secret(String name) {
    env.get(name + "_FILE")
        .map(Path::of)
        .filter(Files::isDirectory)
        .ifPresent(
            p -> {
              throw new AzaPgException(
                  ExitCode.INVALID_INPUT,
                  name
                      + "_FILE="
                      + p
                      + " is a directory, not a file: the secret file is missing on the host"
                      + " (Compose mounts an empty directory in its place)",
                  List.of(
                      "create the secret file the stack's compose.yaml names, then start again"));
            });
    String value =
        env.fileOrValue(name)
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.INVALID_INPUT,
                        name
                            + "_FILE is not set or its file is empty: this service needs that secret",
                        List.of(
                            "set " + name + "_FILE to the secret file's path in the container")));
    if (value.isEmpty() || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, name + " is not valid: it is empty or holds more than one line");
    }
    return value;
  }

  private static String entry(String user, String password) {
    return quote(user) + " " + quote(password) + "\n";
  }

  /** PgBouncer's auth_file quoting: double quotes, embedded ones doubled. */
  static String quote(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }

  private static String passfile(String user, String password) {
    return "*:*:*:" + escape(user) + ":" + escape(password) + "\n";
  }

  private static String escape(String field) {
    return field.replace("\\", "\\\\").replace(":", "\\:");
  }

  private void write(Service service, String name, String text) {
    Path dir = runDir.resolve(service.id());
    try {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        own(dir, service);
      }
      Path tmp =
          Files.createTempFile(
              dir,
              ".aza-pg-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        own(tmp, service);
        Files.move(
            tmp,
            dir.resolve(name),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INTERNAL, "cannot write " + dir.resolve(name) + ": " + e.getMessage());
    }
  }

  private void own(Path p, Service service) throws IOException {
    if (!chown) {
      return;
    }
    Passwd.User user =
        passwd
            .byName(service.user)
            .orElseThrow(
                () ->
                    new AzaPgException(ExitCode.INTERNAL, "the image has no user " + service.user));
    Files.setAttribute(p, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
  }
}
