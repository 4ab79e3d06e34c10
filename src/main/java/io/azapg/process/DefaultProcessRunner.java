package io.azapg.process;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs children with {@link ProcessBuilder}: the inherited environment plus the spec's additions,
 * both streams drained concurrently and joined before the result is read, and on timeout the whole
 * process tree is terminated, then killed.
 */
public final class DefaultProcessRunner implements ProcessRunner {
  private static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final Duration KILL_GRACE = Duration.ofSeconds(3);
  private static final Duration DRAIN_GRACE = Duration.ofSeconds(10);

  private final Map<String, String> baseEnv;
  private final Redactor redactor;

  /** A runner on this JVM's environment with a fresh redactor. */
  public DefaultProcessRunner() {
    this(System.getenv(), new Redactor());
  }

  /**
   * A runner whose children inherit {@code baseEnv} (tests put a fake engine first on its PATH).
   */
  public DefaultProcessRunner(Map<String, String> baseEnv, Redactor redactor) {
    this.baseEnv = Map.copyOf(baseEnv);
    this.redactor = redactor;
    redactor.registerSecretsOf(this.baseEnv);
  }

  @Override
  public Redactor redactor() {
    return redactor;
  }

  @Override
  public Optional<Path> findExecutable(String program) {
    return find(program, baseEnv.getOrDefault("PATH", DEFAULT_PATH));
  }

  @Override
  public ProcessResult execute(ProcessSpec spec) {
    redactor.registerSecretsOf(spec.env());
    List<String> shownArgv = redactor.redact(spec.argv());
    ProcessBuilder builder = builder(spec, spec.argv());
    builder.redirectErrorStream(spec.mergeStderr());
    if (spec.input() instanceof ProcessInput.FromFile file) {
      builder.redirectInput(file.path().toFile());
    }
    long started = System.nanoTime();
    Process process = start(builder, spec);
    OutputPump.@Nullable LineSink sink = spec.listener().map(this::sink).orElse(null);
    String name = "aza-pg-" + Path.of(spec.program()).getFileName();
    OutputPump out =
        OutputPump.start(
            process.getInputStream(), Channel.STDOUT, sink, spec.captureLimit(), name + "-out");
    OutputPump err =
        spec.mergeStderr()
            ? null
            : OutputPump.start(
                process.getErrorStream(), Channel.STDERR, sink, spec.captureLimit(), name + "-err");
    Optional<Thread> feeder = feed(process, spec.input(), name);
    try {
      boolean finished = process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        terminateTree(process);
      }
      out.await(DRAIN_GRACE);
      if (err != null) {
        err.await(DRAIN_GRACE);
      }
      if (feeder.isPresent()) {
        feeder.get().join(KILL_GRACE.toMillis());
      }
      String stderr = err == null ? "" : err.text();
      if (!finished) {
        String tailSource = stderr.isBlank() ? out.text() : stderr;
        throw new ProcessTimeoutException(
            shownArgv,
            spec.timeout(),
            redactor.redact(ProcessResult.tail(tailSource, ProcessResult.TAIL_LINES)));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      return new ProcessResult(shownArgv, process.exitValue(), out.text(), stderr, took);
    } catch (InterruptedException e) {
      terminateTree(process);
      Thread.currentThread().interrupt();
      throw new AzaPgException(
          ExitCode.INTERNAL, "interrupted while running '" + String.join(" ", shownArgv) + "'");
    }
  }

  @Override
  public long startDetached(ProcessSpec spec, Path logFile) {
    redactor.registerSecretsOf(spec.env());
    List<String> argv = new ArrayList<>();
    argv.add("setsid");
    argv.addAll(spec.argv());
    ProcessBuilder builder = builder(spec, argv);
    if (spec.workingDirectory().isEmpty()) {
      // A daemon must not hold the caller's directory: the podman API service started from a
      // checkout that was deleted later made every conmon it spawned fail ("Failed to get working
      // directory"), so every container start through the API failed.
      builder.directory(new File("/"));
    }
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new AzaPgException(
          spec.failureCode(), "cannot create the directory of " + logFile + ": " + e.getMessage());
    }
    builder.redirectInput(new File("/dev/null"));
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.redirectErrorStream(true);
    return start(builder, spec).pid();
  }

  private ProcessBuilder builder(ProcessSpec spec, List<String> argv) {
    Map<String, String> env = new HashMap<>(baseEnv);
    env.putAll(spec.env());
    String path = env.getOrDefault("PATH", DEFAULT_PATH);
    List<String> command = new ArrayList<>(argv);
    // Resolve argv[0] on the child's PATH ourselves: ProcessBuilder would search the JVM's PATH.
    Path program =
        find(argv.get(0), path)
            .orElseThrow(
                () ->
                    new ExecutableNotFoundException(
                        argv.get(0), path, spec.failureCode(), spec.missingHints()));
    command.set(0, program.toString());
    if (!argv.get(0).equals(spec.program())) {
      // argv[0] is a wrapper (setsid); the real program must exist too.
      if (find(spec.program(), path).isEmpty()) {
        throw new ExecutableNotFoundException(
            spec.program(), path, spec.failureCode(), spec.missingHints());
      }
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    spec.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
    return builder;
  }

  private Process start(ProcessBuilder builder, ProcessSpec spec) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new AzaPgException(
          spec.failureCode(),
          "could not start '" + redactor.commandLine(spec.argv()) + "': " + e.getMessage(),
          List.of(),
          e);
    }
  }

  private OutputPump.LineSink sink(LineListener listener) {
    Object lock = new Object();
    return (channel, line) -> {
      synchronized (lock) {
        listener.onLine(channel, redactor.redact(line));
      }
    };
  }

  private static Optional<Thread> feed(Process process, ProcessInput input, String name) {
    OutputStream stdin = process.getOutputStream();
    if (!(input instanceof ProcessInput.Bytes bytes)) {
      closeQuietly(stdin);
      return Optional.empty();
    }
    Thread feeder =
        new Thread(
            () -> {
              try (stdin) {
                stdin.write(bytes.data());
              } catch (IOException e) {
                // The child exited without reading all of its input; its exit code tells the rest.
              }
            },
            name + "-in");
    feeder.setDaemon(true);
    feeder.start();
    return Optional.of(feeder);
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // Nothing to do: the child simply sees end of file or a closed pipe.
    }
  }

  /** Terminates the child and every descendant (SIGTERM), then kills what is left (SIGKILL). */
  private static void terminateTree(Process process) {
    List<ProcessHandle> tree =
        Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + KILL_GRACE.toNanos();
    for (ProcessHandle handle : tree) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        try {
          handle.onExit().get(left, TimeUnit.NANOSECONDS);
        } catch (Exception e) {
          // Still alive (or the wait was interrupted): it is killed below.
        }
      }
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Optional<Path> find(String program, String path) {
    if (program.contains("/")) {
      Path file = Path.of(program);
      return Files.isRegularFile(file) && Files.isExecutable(file)
          ? Optional.of(file.toAbsolutePath())
          : Optional.empty();
    }
    for (String dir : path.split(":", -1)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }
}
