package io.azapg.process;

import io.azapg.common.ExitCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to run one child process: argv (never a shell string), environment additions on
 * top of the inherited environment, working directory, timeout, stdin, an optional line listener,
 * and the exit code a failure maps to.
 *
 * @param argv the program and its arguments; the program is looked up on PATH
 * @param env variables added to (or replacing in) the inherited environment
 * @param workingDirectory the child's working directory; empty means the caller's
 * @param timeout how long the child may run before it is destroyed
 * @param input what the child reads on stdin
 * @param listener receives output lines while the child runs; empty means none
 * @param mergeStderr send stderr into stdout (keeps the child's own ordering)
 * @param failureCode the aza-pg exit code a failure of this child maps to
 * @param missingHints how to fix a missing executable, shown with the error
 * @param captureLimit how many of the last characters of each stream the result keeps ({@link
 *     Integer#MAX_VALUE}: all); a listener still sees every line
 */
public record ProcessSpec(
    List<String> argv,
    Map<String, String> env,
    Optional<Path> workingDirectory,
    Duration timeout,
    ProcessInput input,
    Optional<LineListener> listener,
    boolean mergeStderr,
    ExitCode failureCode,
    List<String> missingHints,
    int captureLimit) {

  /** The timeout of a spec that does not set one. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  public ProcessSpec {
    argv = List.copyOf(argv);
    if (argv.isEmpty() || argv.get(0).isBlank()) {
      throw new IllegalArgumentException("argv must name a program");
    }
    env = Map.copyOf(env);
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(failureCode, "failureCode");
    missingHints = List.copyOf(missingHints);
    if (captureLimit < 1) {
      throw new IllegalArgumentException("captureLimit must be positive: " + captureLimit);
    }
  }

  /** The program name as given (argv[0]). */
  public String program() {
    return argv.get(0);
  }

  /** Starts a builder for the given program and arguments. */
  public static Builder of(String program, String... args) {
    return new Builder().arg(program).args(List.of(args));
  }

  /** Starts a builder for an argv list. */
  public static Builder of(List<String> argv) {
    return new Builder().args(argv);
  }

  /** Returns a builder holding this spec's values, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder().args(argv).env(env).timeout(timeout).input(input);
    workingDirectory.ifPresent(b::workingDirectory);
    listener.ifPresent(b::listener);
    return b.mergeStderr(mergeStderr)
        .failureCode(failureCode)
        .missingHints(missingHints)
        .captureLimit(captureLimit);
  }

  /** Builds a {@link ProcessSpec}; every setter returns this builder. */
  public static final class Builder {
    private final List<String> argv = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private @Nullable Path workingDirectory;
    private Duration timeout = DEFAULT_TIMEOUT;
    private ProcessInput input = ProcessInput.none();
    private @Nullable LineListener listener;
    private boolean mergeStderr;
    private ExitCode failureCode = ExitCode.CHECK_FAILED;
    private List<String> missingHints = List.of();
    private int captureLimit = Integer.MAX_VALUE;

    private Builder() {}

    public Builder arg(String arg) {
      argv.add(Objects.requireNonNull(arg, "arg"));
      return this;
    }

    public Builder args(List<String> args) {
      args.forEach(this::arg);
      return this;
    }

    public Builder args(String... args) {
      return args(List.of(args));
    }

    public Builder env(String name, String value) {
      env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
      return this;
    }

    public Builder env(Map<String, String> variables) {
      variables.forEach(this::env);
      return this;
    }

    public Builder workingDirectory(Path directory) {
      this.workingDirectory = directory;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder input(ProcessInput input) {
      this.input = input;
      return this;
    }

    public Builder stdin(byte[] data) {
      return input(ProcessInput.bytes(data));
    }

    public Builder listener(LineListener listener) {
      this.listener = listener;
      return this;
    }

    public Builder mergeStderr(boolean merge) {
      this.mergeStderr = merge;
      return this;
    }

    public Builder failureCode(ExitCode code) {
      this.failureCode = code;
      return this;
    }

    public Builder missingHints(List<String> hints) {
      this.missingHints = List.copyOf(hints);
      return this;
    }

    /** Keeps only the last {@code chars} characters of each stream in the result. */
    public Builder captureLimit(int chars) {
      this.captureLimit = chars;
      return this;
    }

    public ProcessSpec build() {
      return new ProcessSpec(
          argv,
          env,
          Optional.ofNullable(workingDirectory),
          timeout,
          input,
          Optional.ofNullable(listener),
          mergeStderr,
          failureCode,
          missingHints,
          captureLimit);
    }
  }
}
