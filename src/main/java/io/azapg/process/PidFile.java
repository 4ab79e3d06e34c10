package io.azapg.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A file holding the pid of a detached process that aza-pg started, and the checks around it: is
 * that process still alive and still the program we started (pids are reused)?
 */
public record PidFile(Path path) {
  /**
   * The live process recorded in the file whose command line contains {@code marker}; empty when
   * the file is missing, unreadable or stale.
   */
  public Optional<ProcessHandle> liveProcess(String marker) {
    try {
      long pid = Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(handle -> commandLine(handle.pid()).contains(marker));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Records a pid, creating the parent directory. */
  public void write(long pid) {
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Files.writeString(path, pid + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** Stops the recorded process if it is alive and matches; returns whether one was stopped. */
  public boolean stop(String marker, Duration grace) {
    Optional<ProcessHandle> live = liveProcess(marker);
    live.ifPresent(
        handle -> {
          handle.destroy();
          try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
          } catch (Exception e) {
            handle.destroyForcibly();
          }
        });
    return live.isPresent();
  }

  /** The command line of a process, arguments separated by spaces; empty if unreadable. */
  public static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
    } catch (IOException e) {
      return "";
    }
  }
}
