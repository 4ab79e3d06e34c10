package io.azapg.stack;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;

/**
 * Keeps generated secrets under the project's state directory, one file per secret, mode 0600,
 * created atomically on first use and never printed.
 */
public final class SecretStore {
  private static final char[] ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;

  public SecretStore(Path dir) {
    this.dir = dir;
  }

  /** The file holding the named secret, creating it with a new random value if absent. */
  public Path ensure(String name) {
    Path file = dir.resolve(name);
    if (Files.isRegularFile(file)) {
      return file;
    }
    try {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      try {
        Files.writeString(
            file,
            generate(32),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException raced) {
        return file;
      }
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot write the secret file " + file + ": " + e.getMessage(),
          List.of("check that " + dir + " is writable"),
          e);
    }
  }

  /** Reads a secret's value (for callers that must hand it to a client, never to a log). */
  public String read(String name) {
    try {
      return Files.readString(ensure(name), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "cannot read " + dir.resolve(name) + ": " + e.getMessage());
    }
  }

  static String generate(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }
}
