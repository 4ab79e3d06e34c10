package io.azapg.engine.setup;

import io.azapg.common.Reporter;
import io.azapg.engine.TextFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sets runc, cgroupfs, file events and no default ulimits in {@code containers.conf}, keeping
 * whatever else the file says and backing up the original before changing it.
 */
final class ContainersConfStep implements SetupStep {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

  private final Path file;
  private final Clock clock;

  ContainersConfStep(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "containers.conf";
  }

  @Override
  public Optional<String> pending() {
    List<String> missing = ContainersConf.missing(new TextFile(file).readOrEmpty());
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of("set " + String.join(", ", missing) + " in " + file);
  }

  @Override
  public void apply(Reporter reporter) {
    String before = new TextFile(file).readOrEmpty();
    String after = ContainersConf.merge(before);
    try {
      Files.createDirectories(file.getParent());
      if (Files.exists(file)) {
        Path backup =
            file.resolveSibling(
                file.getFileName()
                    + "."
                    + STAMP.format(clock.instant().atZone(clock.getZone()))
                    + ".aza-pg-backup");
        Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
        reporter.info("backed up " + file + " to " + backup);
      }
      Files.writeString(file, after, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
