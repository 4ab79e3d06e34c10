package io.azapg.cli;

import io.azapg.generate.GeneratedFile;
import io.azapg.generate.GeneratedFiles;
import java.nio.file.Path;
import java.util.List;

/** Writes a command's document to {@code -o FILE} atomically (never half-written). */
final class OutputFile {
  private OutputFile() {}

  static void write(Path file, String content) {
    Path absolute = file.toAbsolutePath().normalize();
    new GeneratedFiles(absolute.getParent())
        .write(List.of(new GeneratedFile(absolute.getFileName().toString(), content)));
  }
}
