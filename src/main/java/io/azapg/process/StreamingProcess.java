package io.azapg.process;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program whose stdin comes from a file and whose stdout goes to a file, redirected by the
 * operating system so that no byte of either passes through (or is held in) this JVM: dumps and
 * archives of any size. Stderr is captured (bounded) for error messages.
 */
public final class StreamingProcess {
  private static final int STDERR_LIMIT = 1 << 20;

  private StreamingProcess() {}

  /**
   * Runs {@code argv} with this process's environment plus {@code env}; stdin is end-of-file when
   * {@code stdinFrom} is empty, stdout is discarded when {@code stdoutTo} is empty (the file is
   * truncated first when given).
   */
  public static ProcessResult run(
      List<String> argv,
      Map<String, String> env,
      Optional<Path> stdinFrom,
      Optional<Path> stdoutTo,
      Duration timeout,
      Redactor redactor) {
    long start = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.environment().putAll(env);
    builder.redirectInput(
        stdinFrom.map(p -> ProcessBuilder.Redirect.from(p.toFile())).orElse(nullInput()));
    builder.redirectOutput(
        stdoutTo
            .map(p -> ProcessBuilder.Redirect.to(p.toFile()))
            .orElse(ProcessBuilder.Redirect.DISCARD));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.ENGINE, "cannot start " + argv.get(0) + ": " + e.getMessage(), List.of(), e);
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread pump = new Thread(() -> drain(process.getErrorStream(), err), "stderr-" + argv.get(0));
    pump.setDaemon(true);
    pump.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor();
        throw new AzaPgException(
            ExitCode.TIMEOUT,
            redactor.commandLine(argv) + " did not finish within " + timeout.toSeconds() + " s");
      }
      pump.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AzaPgException(ExitCode.INTERNAL, "interrupted while " + argv.get(0) + " ran");
    }
    String stderr;
    synchronized (err) {
      stderr = redactor.redact(err.toString(StandardCharsets.UTF_8));
    }
    return new ProcessResult(
        redactor.redact(argv),
        process.exitValue(),
        "",
        stderr,
        Duration.ofNanos(System.nanoTime() - start));
  }

  private static ProcessBuilder.Redirect nullInput() {
    return ProcessBuilder.Redirect.from(new java.io.File("/dev/null"));
  }

  private static void drain(InputStream in, ByteArrayOutputStream sink) {
    byte[] buf = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        synchronized (sink) {
          if (sink.size() < STDERR_LIMIT) {
            sink.write(buf, 0, Math.min(n, STDERR_LIMIT - sink.size()));
          }
        }
      }
    } catch (IOException e) {
      // The child is gone; what was read is kept.
    }
  }
}
