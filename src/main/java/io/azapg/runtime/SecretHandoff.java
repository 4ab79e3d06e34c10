package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of the {@code X_FILE} variables, handed from the entrypoint's root step to the
 * unprivileged preparation on a pipe: secret files are often readable by root only, and the
 * preparation runs as the server user. One line per value, {@code NAME BASE64}; never an argv, the
 * environment or a file.
 */
public final class SecretHandoff {
  /** The variables that may come from a file (the official image's list plus the stacks'). */
  static final List<String> FILE_VARIABLES =
      List.of(
          "POSTGRES_PASSWORD",
          "POSTGRES_USER",
          "POSTGRES_DB",
          "POSTGRES_INITDB_ARGS",
          "PG_REPLICATION_PASSWORD",
          "PGBOUNCER_AUTH_PASSWORD",
          "POSTGRES_EXPORTER_PASSWORD",
          TlsFiles.CERT,
          TlsFiles.KEY,
          TlsFiles.CA);

  private SecretHandoff() {}

  /** Reads every {@code X_FILE} that is set (errors name the variable, never the content). */
  static Map<String, String> resolve(Env env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : FILE_VARIABLES) {
      if (env.has(name + "_FILE")) {
        values.put(name, env.fileOrValue(name).orElse(""));
      }
    }
    return values;
  }

  /** The pipe's text. */
  public static String encode(Map<String, String> values) {
    StringBuilder sb = new StringBuilder();
    values.forEach(
        (name, value) ->
            sb.append(name)
                .append(' ')
                .append(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                .append('\n'));
    return sb.toString();
  }

  /** Parses the pipe's text; only the known variables are accepted. */
  public static Map<String, String> decode(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split(" ", -1); // not stripped: an empty value is "NAME "
      if (parts.length != 2 || !FILE_VARIABLES.contains(parts[0])) {
        throw new AzaPgException(
            ExitCode.INTERNAL, "the entrypoint handed over a malformed secret line");
      }
      try {
        values.put(
            parts[0], new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new AzaPgException(
            ExitCode.INTERNAL, "the entrypoint handed over a malformed value for " + parts[0]);
      }
    }
    return values;
  }
}
