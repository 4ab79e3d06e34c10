package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The root key pgsodium and supabase_vault read at server start through the getkey script ({@code
 * aza-pg-pgsodium-getkey}): 64 hexadecimal digits in the secret file {@value #FILE_VAR} names
 * (default {@value #DEFAULT_FILE}). The image has no key of its own. Preloading either library
 * without a usable key stops the server, so the default preload leaves them out (and says why), and
 * a preload list that names them is refused before the server starts.
 */
final class RootKey {
  static final String FILE_VAR = "PGSODIUM_KEY_FILE";
  static final String DEFAULT_FILE = "/run/secrets/pgsodium_root_key";

  /** The libraries that read the root key when preloaded. */
  static final List<String> LIBRARIES = List.of("pgsodium", "supabase_vault");

  private static final Pattern KEY = Pattern.compile("[0-9a-fA-F]{64}");

  private RootKey() {}

  static Path file(Env env) {
    return Path.of(env.get(FILE_VAR).filter(s -> !s.isBlank()).orElse(DEFAULT_FILE));
  }

  /** Why the key cannot be used, or empty when it can (the key itself is never returned). */
  static Optional<String> problem(Env env) {
    Path file = file(env);
    if (!Files.isRegularFile(file)) {
      return Optional.of("there is no root key file " + file);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.of("the root key file " + file + " cannot be read");
    }
    if (!KEY.matcher(text.replaceAll("\\s", "")).matches()) {
      return Optional.of(
          "the root key file " + file + " does not hold exactly 64 hexadecimal digits");
    }
    return Optional.empty();
  }

  static List<String> hints() {
    return List.of(
        "mount a secret with a 32-byte key in hex (e.g. 'openssl rand -hex 32') at "
            + DEFAULT_FILE
            + " or at the path "
            + FILE_VAR
            + " names; keep it: data encrypted with it cannot be read without it");
  }

  /**
   * The preload list the server gets: without a usable key the catalog's default loses the key
   * libraries (reported), and a list the user set that names one is refused.
   */
  static List<String> apply(
      List<String> preload, boolean fromEnv, Env env, io.azapg.common.Reporter reporter) {
    List<String> keyed = preload.stream().filter(LIBRARIES::contains).toList();
    if (keyed.isEmpty()) {
      return preload;
    }
    Optional<String> problem = problem(env);
    if (problem.isEmpty()) {
      return preload;
    }
    if (fromEnv) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "POSTGRES_SHARED_PRELOAD_LIBRARIES names "
              + String.join(" and ", keyed)
              + ", which read the root key at start-up, but "
              + problem.get()
              + ": the server would not start",
          new ArrayList<>(
              List.of(
                  hints().get(0),
                  "or leave " + String.join(" and ", keyed) + " out of the preload list")));
    }
    reporter.info(
        String.join(" and ", keyed)
            + " not preloaded: "
            + problem.get()
            + " (to use them, "
            + hints().get(0)
            + ")");
    return preload.stream().filter(l -> !LIBRARIES.contains(l)).toList();
  }
}
