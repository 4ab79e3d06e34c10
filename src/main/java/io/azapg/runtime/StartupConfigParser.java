package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the environment contract. Every invalid value stops start-up with one line that names the
 * variable and the value (secrets are never echoed); nothing is silently replaced by a default.
 */
public final class StartupConfigParser {
  /** The PostgreSQL 18 image's data directory when PGDATA is not set. */
  public static final String DEFAULT_PGDATA = "/var/lib/postgresql/18/docker";

  static final Pattern SLOT_NAME = Pattern.compile("^[a-z0-9_]{1,63}$");
  private static final Pattern LIBRARY_NAME = Pattern.compile("^[A-Za-z0-9_.\\-]+$");
  private static final Set<String> AUTH_METHODS =
      Set.of(
          "trust",
          "reject",
          "scram-sha-256",
          "md5",
          "password",
          "gss",
          "sspi",
          "ident",
          "peer",
          "ldap",
          "radius",
          "cert",
          "pam",
          "bsd",
          "oauth");

  private StartupConfigParser() {}

  /** Parses and validates the environment. */
  public static StartupConfig parse(Env env) {
    Path pgdata = absolutePath(env, "PGDATA", DEFAULT_PGDATA);
    int port = port(env);
    String user = name(env, "POSTGRES_USER", env.fileOrValue("POSTGRES_USER").orElse("postgres"));
    String database = name(env, "POSTGRES_DB", env.fileOrValue("POSTGRES_DB").orElse(user));
    Optional<Secret> password = env.fileOrValue("POSTGRES_PASSWORD").map(Secret::new);
    List<String> initdbArgs = initdbArgs(env);
    Optional<Path> waldir =
        env.get("POSTGRES_INITDB_WALDIR").map(v -> absolutePath(env, "POSTGRES_INITDB_WALDIR", v));
    String auth = env.get("POSTGRES_HOST_AUTH_METHOD", "scram-sha-256");
    if (!AUTH_METHODS.contains(auth)) {
      throw invalid(
          "POSTGRES_HOST_AUTH_METHOD",
          auth,
          "expected a pg_hba.conf method such as scram-sha-256, md5 or trust");
    }
    WalLevel walLevel = choice(env, "POSTGRES_WAL_LEVEL", WalLevel.class, WalLevel.LOGICAL);
    ServerRole role = choice(env, "POSTGRES_ROLE", ServerRole.class, ServerRole.PRIMARY);
    boolean tune = onOff(env, "AZA_PG_TUNE");
    Optional<List<String>> preload =
        env.get("POSTGRES_SHARED_PRELOAD_LIBRARIES").map(StartupConfigParser::libraries);
    Optional<Secret> replicationPassword =
        env.fileOrValue("PG_REPLICATION_PASSWORD").map(Secret::new);
    String slot = env.get("REPLICATION_SLOT_NAME", "replica_slot_1");
    if (!SLOT_NAME.matcher(slot).matches()) {
      throw invalid(
          "REPLICATION_SLOT_NAME", slot, "use 1 to 63 lower-case letters, digits or underscores");
    }
    if (replicationPassword.isPresent() && user.equals(StartupConfig.REPLICATION_ROLE)) {
      throw invalid(
          "POSTGRES_USER",
          user,
          "the name is reserved for the replication role when PG_REPLICATION_PASSWORD is set");
    }
    if (user.equals(StartupConfig.HEALTHCHECK_ROLE)) {
      throw invalid("POSTGRES_USER", user, "the name is reserved for the healthcheck role");
    }
    StartupConfig.TuneInputs tuneInputs =
        new StartupConfig.TuneInputs(
            env.get("POSTGRES_MEMORY"),
            env.get("POSTGRES_CPUS"),
            env.get("POSTGRES_WORKLOAD_TYPE"),
            env.get("POSTGRES_STORAGE_TYPE"),
            trueFalse(env, "POSTGRES_POOLED"),
            UserValues.fromEnv(env));
    return new StartupConfig(
        pgdata,
        port,
        user,
        password,
        database,
        initdbArgs,
        waldir,
        auth,
        walLevel,
        preload,
        tune,
        tuneInputs,
        replicationPassword,
        slot,
        role);
  }

  /** The one-line error for a bad value: {@code NAME="value" is not valid: why}. */
  static AzaPgException invalid(String variable, String value, String why) {
    return new AzaPgException(
        ExitCode.INVALID_INPUT, variable + "=\"" + printable(value) + "\" is not valid: " + why);
  }

  private static List<String> initdbArgs(Env env) {
    Optional<String> raw = env.fileOrValue("POSTGRES_INITDB_ARGS");
    if (raw.isEmpty()) {
      return List.of();
    }
    return ShellWords.split(raw.get())
        .orElseThrow(
            () ->
                invalid(
                    "POSTGRES_INITDB_ARGS",
                    raw.get(),
                    "a quote is not closed or it ends with a lone backslash"));
  }

  private static List<String> libraries(String raw) {
    List<String> libs = new ArrayList<>();
    for (String part : raw.split(",", -1)) {
      String lib = part.trim();
      if (lib.isEmpty()) {
        continue;
      }
      if (!LIBRARY_NAME.matcher(lib).matches()) {
        throw invalid(
            "POSTGRES_SHARED_PRELOAD_LIBRARIES",
            raw,
            "\"" + lib + "\" is not a library name (letters, digits, '_', '-', '.')");
      }
      if (!libs.contains(lib)) {
        libs.add(lib);
      }
    }
    return libs;
  }

  private static String name(Env env, String variable, String value) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
      throw invalid(variable, value, "it contains a line break or NUL character");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > 63) {
      throw invalid(variable, value, "PostgreSQL names are at most 63 bytes long");
    }
    return value;
  }

  private static int port(Env env) {
    String raw = env.get("PGPORT", "5432");
    try {
      int port = Integer.parseInt(raw);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw invalid("PGPORT", raw, "expected a port number from 1 to 65535");
  }

  private static Path absolutePath(Env env, String variable, String fallback) {
    String raw = env.get(variable, fallback);
    Path path = Path.of(raw);
    if (!path.isAbsolute()) {
      throw invalid(variable, raw, "expected an absolute path");
    }
    return path.normalize();
  }

  private static boolean onOff(Env env, String variable) {
    String raw = env.get(variable, "on");
    switch (raw.toLowerCase(Locale.ROOT)) {
      case "on":
      case "true":
      case "1":
        return true;
      case "off":
      case "false":
      case "0":
        return false;
      default:
        throw invalid(variable, raw, "expected on or off");
    }
  }

  private static boolean trueFalse(Env env, String variable) {
    String raw = env.get(variable, "false");
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "on", "1", "yes" -> true;
      case "false", "off", "0", "no" -> false;
      default -> throw invalid(variable, raw, "expected true or false");
    };
  }

  private static <E extends Enum<E>> E choice(Env env, String variable, Class<E> type, E fallback) {
    Optional<String> raw = env.get(variable);
    if (raw.isEmpty()) {
      return fallback;
    }
    for (E value : type.getEnumConstants()) {
      if (value.name().equalsIgnoreCase(raw.get())) {
        return value;
      }
    }
    List<String> names =
        Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    throw invalid(variable, raw.get(), "expected one of " + String.join(", ", names));
  }

  private static String printable(String value) {
    return value.replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0");
  }
}
