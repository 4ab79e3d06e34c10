package io.azapg.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A UTF-8 text file on the host that engine setup and base bootstrapping read or write:
 * configuration, sources lists, Release files, pid stamps, logs.
 */
public record TextFile(Path path) {
  /** The whole content; fails when the file is missing or unreadable. */
  public String read() {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** The whole content, or "" when the file does not exist. */
  public String readOrEmpty() {
    return Files.exists(path) ? read() : "";
  }

  /** Replaces the content, creating missing parent directories. */
  public void write(String content) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(path, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }
}
