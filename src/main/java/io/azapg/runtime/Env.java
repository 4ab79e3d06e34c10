package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
  /** The largest {@code X_FILE} accepted: a secret or a name, never a data file. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private final Map<String, String> vars;

  /** X → the X_FILE path the entrypoint's root step read X from (for error messages). */
  private final Map<String, String> resolvedFiles;

  public Env(Map<String, String> vars) {
    this(vars, Map.of());
  }

  private Env(Map<String, String> vars, Map<String, String> resolvedFiles) {
    this.vars = new TreeMap<>(vars);
    this.resolvedFiles = Map.copyOf(resolvedFiles);
  }

  /**
   * The file X was read from by the entrypoint's root step ({@link #withResolved}), when it was:
   * the X_FILE variable itself is gone from this environment by then.
   */
  public Optional<String> resolvedFile(String name) {
    return Optional.ofNullable(resolvedFiles.get(name));
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
   * as the shell's {@code $(< file)} does; an empty file counts as unset). Both set is an error; so
   * is a file that is not UTF-8 text, holds a NUL byte or is larger than {@value #MAX_FILE_BYTES}
   * bytes. No error shows any of the file's content.
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
    String what = name + "_FILE=" + file.get();
    if (Files.isDirectory(path)) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          what + " cannot be read (it is a directory)",
          java.util.List.of(
              "name the file inside it that holds the value, e.g. "
                  + name
                  + "_FILE=/run/secrets/x"));
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          what + " cannot be read (" + describe(e) + ")",
          java.util.List.of(
              "mount the file into the container (docker run -v ./x:/run/secrets/x:ro, or a"
                  + " Compose secret) readable by the user the container runs as"));
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          what + " is larger than " + (MAX_FILE_BYTES >> 10) + " KiB",
          java.util.List.of("the file must hold only the value of " + name));
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          what + " is not UTF-8 text",
          java.util.List.of("write the value of " + name + " as UTF-8"));
    }
    if (text.indexOf('\0') >= 0) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          what + " contains a NUL byte, which no PostgreSQL value can hold",
          java.util.List.of("write only the value of " + name + " into the file"));
    }
    String value = text.replaceAll("[\r\n]+$", "");
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * This environment with the given values in place of their {@code X_FILE} indirections: the
   * values the entrypoint's root step read from files the server user may not be able to read.
   */
  public Env withResolved(Map<String, String> resolved) {
    Map<String, String> m = new TreeMap<>(vars);
    Map<String, String> files = new TreeMap<>(resolvedFiles);
    resolved.forEach(
        (name, value) -> {
          String file = m.remove(name + "_FILE");
          if (file != null) {
            files.put(name, file);
          }
          m.put(name, value);
        });
    return new Env(m, files);
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
