package io.azapg.stack;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

/**
 * Keeps generated secrets under the project's state directory, one file per secret, mode 0600,
 * created atomically on first use and never printed.
 */
public final class SecretStore {
  private static final char[] ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

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
      Files.createDirectories(dir, OWNER_ONLY_DIR);
      create(file, generate(32));
      return file;
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot write the secret file " + file + ": " + e.getMessage(),
          List.of("check that " + dir + " is writable"),
          e);
    }
  }

  /**
   * Creates the file with the value, atomically and 0600 from the first byte: a temp file created
   * with that mode, written, then linked to the name (which fails if the name exists, so a racing
   * {@code up} keeps the first value). No reader ever sees an empty, partial or readable file.
   */
  private void create(Path file, String value) throws IOException {
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + "-", ".tmp", OWNER_ONLY_FILE);
    try {
      Files.writeString(tmp, value, StandardCharsets.UTF_8);
      try {
        Files.createLink(file, tmp);
      } catch (FileAlreadyExistsException raced) {
        // another aza-pg created it first: that value stands
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads a secret's value (for callers that must hand it to a client, never to a log). A missing
   * file is an error here, never a new value: the database holds the old one.
   */
  public String read(String name) {
    Path file = dir.resolve(name);
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (java.nio.file.NoSuchFileException e) {
      throw missing(file, "", "");
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The error for a secret file that is gone while the data that uses it exists. */
  static AzaPgException missing(Path file, String why, String startOver) {
    List<String> hints = new java.util.ArrayList<>();
    hints.add("restore the file (one line, mode 0600) and run the command again");
    if (!startOver.isEmpty()) {
      hints.add("or start over (this deletes the data): " + startOver);
    }
    return new AzaPgException(
        ExitCode.INVALID_INPUT,
        "the secret file " + file + " is missing" + (why.isEmpty() ? "" : ": " + why),
        hints);
  }

  static String generate(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }
}
