package io.azapg.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A command to run inside a running container, optionally fed on stdin. Environment values travel
 * in an {@code --env-file}, never on the command line.
 *
 * @param container the container name or id
 * @param command the program and its arguments
 * @param stdin bytes for the command's stdin; empty gives it none
 * @param user the user to run as
 * @param workdir the working directory inside the container
 * @param env extra environment variables
 * @param timeout how long the command may run
 */
public record ExecSpec(
    String container,
    List<String> command,
    Optional<byte[]> stdin,
    Optional<String> user,
    Optional<String> workdir,
    Map<String, String> env,
    Duration timeout) {

  public ExecSpec {
    Objects.requireNonNull(container, "container");
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("exec needs a command");
    }
    stdin = stdin.map(byte[]::clone);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  /** An exec of the given command with no stdin, as the image's user, within ten minutes. */
  public static ExecSpec of(String container, String... command) {
    return new ExecSpec(
        container,
        List.of(command),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Duration.ofMinutes(10));
  }

  public ExecSpec withStdin(byte[] data) {
    return new ExecSpec(container, command, Optional.of(data), user, workdir, env, timeout);
  }

  public ExecSpec withUser(String name) {
    return new ExecSpec(container, command, stdin, Optional.of(name), workdir, env, timeout);
  }

  public ExecSpec withWorkdir(String dir) {
    return new ExecSpec(container, command, stdin, user, Optional.of(dir), env, timeout);
  }

  public ExecSpec withEnv(Map<String, String> values) {
    return new ExecSpec(container, command, stdin, user, workdir, values, timeout);
  }

  public ExecSpec withTimeout(Duration limit) {
    return new ExecSpec(container, command, stdin, user, workdir, env, limit);
  }

  List<String> arguments(Optional<Path> envFile) {
    List<String> args = new ArrayList<>(List.of("exec"));
    if (stdin.isPresent()) {
      args.add("--interactive");
    }
    user.ifPresent(u -> args.addAll(List.of("--user", u)));
    workdir.ifPresent(w -> args.addAll(List.of("--workdir", w)));
    envFile.ifPresent(file -> args.addAll(List.of("--env-file", file.toString())));
    args.add(container);
    args.addAll(command);
    return args;
  }
}
