package io.azapg.engine;

import io.azapg.process.Channel;
import io.azapg.process.LineListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The whole output of one image build, written line by line to a file created with mode 0600 (a
 * build log can quote build arguments), so memory stays bounded however long the build runs.
 */
final class BuildLog implements LineListener, AutoCloseable {
  private final Optional<BufferedWriter> writer;

  BuildLog(Optional<Path> file) {
    this.writer = file.map(BuildLog::open);
  }

  private static BufferedWriter open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the build log " + file, e);
    }
  }

  @Override
  public void onLine(Channel channel, String line) {
    writer.ifPresent(
        w -> {
          try {
            w.write(line);
            w.newLine();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write the build log", e);
          }
        });
  }

  @Override
  public void close() {
    writer.ifPresent(
        w -> {
          try {
            w.close();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot close the build log", e);
          }
        });
  }
}
