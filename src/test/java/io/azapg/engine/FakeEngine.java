package io.azapg.engine;

import io.azapg.common.Reporter;
import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake {@code podman}/{@code docker} executable in a temp directory placed first on a runner's
 * PATH. It records each call's argv, environment, stdin and env file, and answers from canned
 * responses queued per subcommand ("image_exists", then "image"); the last response repeats.
 */
public final class FakeEngine {
  private static final String SCRIPT =
      """
      #!/bin/sh
      d="@DIR@"
      n=$(( $(cat "$d/count" 2>/dev/null || echo 0) + 1 ))
      echo "$n" > "$d/count"
      printf '%s\\0' "$@" > "$d/call.$n"
      basename "$0" > "$d/program.$n"
      env > "$d/env.$n"
      next=
      for a in "$@"; do
        if [ -n "$next" ]; then cp "$a" "$d/envfile.$n"; stat -c %a "$a" > "$d/envfile.$n.mode"; next=; fi
        case "$a" in
          --env-file) next=1 ;;
          --interactive) cat > "$d/stdin.$n" ;;
        esac
      done
      [ -f "$d/hook" ] && . "$d/hook"
      for key in "$1_$2" "$1"; do
        r="$d/responses/$key"
        if [ -d "$r" ]; then
          c=$(( $(cat "$r/count" 2>/dev/null || echo 0) + 1 ))
          echo "$c" > "$r/count"
          i=$c
          while [ "$i" -gt 1 ] && [ ! -e "$r/$i.rc" ]; do i=$((i-1)); done
          [ -e "$r/$i.out" ] && cat "$r/$i.out"
          [ -e "$r/$i.err" ] && cat "$r/$i.err" >&2
          exit "$(cat "$r/$i.rc")"
        fi
      done
      exit 0
      """;

  /** The only real programs the fakes, and the code under test, may find on PATH. */
  private static final List<String> TOOLS =
      List.of(
          "sh",
          "cat",
          "env",
          "cp",
          "stat",
          "basename",
          "dirname",
          "mkdir",
          "tar",
          "sort",
          "rm",
          "sleep",
          "setsid",
          "umount",
          "printf",
          "echo",
          "ls",
          "test");

  private final Path dir;
  private final Path bin;
  private final Path tools;
  private final Map<String, Integer> queued = new HashMap<>();

  /** Installs fake executables with the given names (e.g. "podman") under {@code dir/bin}. */
  public FakeEngine(Path dir, String... names) {
    this.dir = dir;
    this.bin = dir.resolve("bin");
    this.tools = dir.resolve("tools");
    try {
      Files.createDirectories(bin);
      Files.createDirectories(tools);
      for (String tool : TOOLS) {
        for (String system : List.of("/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/")) {
          Path real = Path.of(system + tool);
          Path wrapper = tools.resolve(tool);
          if (Files.isExecutable(real) && !Files.exists(wrapper)) {
            // A wrapper, not a symlink: JUnit warns about links leaving the temp dir.
            Files.writeString(wrapper, "#!/bin/sh\nexec " + real + " \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
      for (String name : names) {
        Path exe = bin.resolve(name);
        Files.writeString(exe, SCRIPT.replace("@DIR@", dir.toString()));
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A runner whose PATH holds the fakes and a few basic tools, never a real podman or docker (which
   * may well be installed on the machine running the tests).
   */
  public DefaultProcessRunner runner() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PATH", bin + ":" + tools);
    env.remove("DOCKER_HOST");
    return new DefaultProcessRunner(env, new Redactor());
  }

  public CliContainerEngine engine(EngineKind kind, Reporter reporter) {
    return new CliContainerEngine(kind, runner(), reporter);
  }

  /** Queues the next answer for calls whose first words form {@code key} ("image_exists"). */
  public FakeEngine respond(String key, int exitCode, String stdout, String stderr) {
    int n = queued.merge(key, 1, Integer::sum);
    Path r = dir.resolve("responses").resolve(key);
    try {
      Files.createDirectories(r);
      Files.writeString(r.resolve(n + ".out"), stdout);
      Files.writeString(r.resolve(n + ".err"), stderr);
      Files.writeString(r.resolve(n + ".rc"), Integer.toString(exitCode));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public FakeEngine respond(String key, String stdout) {
    return respond(key, 0, stdout, "");
  }

  /** Shell code the fake sources on every call before answering (sees "$d" and "$@"). */
  public FakeEngine hook(String shell) {
    try {
      Files.writeString(dir.resolve("hook"), shell);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The directory the fake keeps its records in. */
  public Path dir() {
    return dir;
  }

  /** The argv (without the program) of every call so far. */
  public List<List<String>> calls() {
    List<List<String>> calls = new ArrayList<>();
    for (int n = 1; Files.exists(dir.resolve("call." + n)); n++) {
      calls.add(call(n));
    }
    return calls;
  }

  /** The argv (without the program) of call {@code n}, counting from 1. */
  public List<String> call(int n) {
    String raw = read(dir.resolve("call." + n));
    if (raw.isEmpty()) {
      return List.of();
    }
    return List.of(raw.substring(0, raw.length() - 1).split("\0", -1));
  }

  /** The program name and argv of call {@code n}. */
  public List<String> command(int n) {
    List<String> command = new ArrayList<>();
    command.add(read(dir.resolve("program." + n)).trim());
    command.addAll(call(n));
    return command;
  }

  /** The program name and argv of every call so far. */
  public List<List<String>> commands() {
    List<List<String>> commands = new ArrayList<>();
    for (int n = 1; Files.exists(dir.resolve("call." + n)); n++) {
      commands.add(command(n));
    }
    return commands;
  }

  public List<String> lastCall() {
    List<List<String>> calls = calls();
    return calls.get(calls.size() - 1);
  }

  public String envOf(int n) {
    return read(dir.resolve("env." + n));
  }

  public String stdinOf(int n) {
    return read(dir.resolve("stdin." + n));
  }

  public String envFileOf(int n) {
    return read(dir.resolve("envfile." + n));
  }

  public String envFileModeOf(int n) {
    return read(dir.resolve("envfile." + n + ".mode")).trim();
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
