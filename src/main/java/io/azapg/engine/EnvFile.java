package io.azapg.engine;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An {@code --env-file} in a fresh 0700 directory, itself 0600, deleted on close: keeps environment
 * values off every command line (and so out of {@code ps}).
 */
final class EnvFile implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Optional<Path> file;

  private EnvFile(Optional<Path> file) {
    this.file = file;
  }

  /** Writes the variables; with none, nothing is written and {@link #path()} is empty. */
  static EnvFile write(Map<String, String> env) {
    if (env.isEmpty()) {
      return new EnvFile(Optional.empty());
    }
    StringBuilder text = new StringBuilder();
    env.forEach(
        (name, value) -> {
          check(name, value);
          text.append(name).append('=').append(value).append('\n');
        });
    try {
      Path dir =
          Files.createTempDirectory(
              "aza-pg-env-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path file =
          Files.createFile(
              dir.resolve("env"),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return new EnvFile(Optional.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a temporary env file", e);
    }
  }

  private static void check(String name, String value) {
    if (!NAME.matcher(name).matches()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "invalid environment variable name '" + name + "'");
    }
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "the value of " + name + " spans several lines, which an env file cannot carry",
          List.of("mount the value as a file and pass its path in " + name + "_FILE instead"));
    }
  }

  /** The file to pass as {@code --env-file}, if any variables were given. */
  Optional<Path> path() {
    return file;
  }

  @Override
  public void close() {
    if (file.isPresent()) {
      try {
        Files.deleteIfExists(file.get());
        Files.deleteIfExists(file.get().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + file.get(), e);
      }
    }
  }
}
