package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.generate.GeneratedFile;
import io.azapg.generate.GeneratedFiles;
import java.nio.file.Path;
import java.util.List;

/** Writes a command's document to {@code -o FILE} atomically (never half-written). */
final class OutputFile {
  private OutputFile() {}

  static void write(Path file, String content) {
    Path absolute = file.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    Path name = absolute.getFileName();
    if (parent == null || name == null) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "-o " + file + " names no file",
          List.of("give a file path, e.g. -o report.json"));
    }
    new GeneratedFiles(parent).write(List.of(new GeneratedFile(name.toString(), content)));
  }
}
