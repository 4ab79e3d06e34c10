package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The container's environment as the runtime reads it: an empty value counts as unset (like the
 * official image's {@code ${VAR:-default}}), and {@code X_FILE} names a file holding X.
 */
public final class Env {
  private final Map<String, String> vars;

  public Env(Map<String, String> vars) {
    this.vars = new TreeMap<>(vars);
  }

  /** The value of a variable, empty when unset or set to the empty string. */
  public Optional<String> get(String name) {
    String v = vars.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** The names of every variable set, empty or not, in order. */
  public java.util.Set<String> names() {
    return java.util.Collections.unmodifiableSet(vars.keySet());
  }

  /** The value of a variable or the default. */
  public String get(String name, String fallback) {
    return get(name).orElse(fallback);
  }

  /** Whether a variable is set to a non-empty value. */
  public boolean has(String name) {
    return get(name).isPresent();
  }

  /**
   * The value of X, read from the file named by X_FILE when that is set (trailing newlines removed,
   * as the shell's {@code $(< file)} does). Both set is an error.
   */
  public Optional<String> fileOrValue(String name) {
    Optional<String> direct = get(name);
    Optional<String> file = get(name + "_FILE");
    if (direct.isPresent() && file.isPresent()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "both " + name + " and " + name + "_FILE are set (but they are exclusive): set one",
          java.util.List.of());
    }
    if (file.isEmpty()) {
      return direct;
    }
    Path path = Path.of(file.get());
    if (Files.isDirectory(path)) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          name + "_FILE=" + file.get() + " cannot be read (it is a directory)",
          java.util.List.of(
              "name the file inside it that holds the value, e.g. "
                  + name
                  + "_FILE=/run/secrets/x"));
    }
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      return Optional.of(text.replaceAll("[\r\n]+$", ""));
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          name + "_FILE=" + file.get() + " cannot be read (" + describe(e) + ")",
          java.util.List.of(
              "mount the file into the container (docker run -v ./x:/run/secrets/x:ro, or a"
                  + " Compose secret) readable by the user the container runs as"));
    }
  }

  /** The variables as a map (for children that inherit them). */
  public Map<String, String> asMap() {
    return java.util.Collections.unmodifiableMap(vars);
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
