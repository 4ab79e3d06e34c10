package io.azapg.release;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ContainerState;
import io.azapg.engine.ExecSpec;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import io.azapg.process.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code aza-pg diagnose}: one archive with what a failed run needs to be understood — container
 * logs and state, {@code SHOW ALL}, the preload list, installed extensions per database, the
 * image's version-info, the tuning report and the init status. Every text is redacted first: the
 * secrets the caller knows, the container's secret-named environment values and any {@code
 * *PASSWORD*=} assignment.
 */
public final class Diagnostics {
  static final String EACH_DATABASE =
      // One database name a line, read whole: a name with a space stays one name.
      "psql -U postgres -d postgres -AtXc \"SELECT datname FROM pg_database WHERE datallowconn"
          + " ORDER BY 1\" | while IFS= read -r db; do echo \"== $db\"; psql -U postgres -d"
          + " \"$db\" -AtXc \"SELECT extname || ' ' || extversion FROM pg_extension ORDER BY 1\""
          + " </dev/null; done";

  private final ContainerEngine engine;
  private final ProcessRunner runner;
  private final Reporter reporter;

  public Diagnostics(ContainerEngine engine, ProcessRunner runner, Reporter reporter) {
    this.engine = engine;
    this.runner = runner;
    this.reporter = reporter;
  }

  /** Collects the container's diagnostics into a {@code .tar.gz} (mode 0600); returns entries. */
  public List<String> collect(String container, List<String> knownSecrets, Path archive) {
    ContainerState state =
        engine
            .inspectContainer(container)
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.INVALID_INPUT,
                        "no container named " + container,
                        List.of("'podman ps -a' lists the containers; 'aza-pg up' starts one")));
    Redactor redactor = runner.redactor();
    knownSecrets.forEach(redactor::register);
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("container-state.txt", state.toString() + "\n");
    entries.put("container-logs.txt", engine.logs(container, OptionalInt.empty()));
    if (state.running()) {
      registerEnvironmentSecrets(container, redactor);
      entries.put("show-all.txt", psql(container, "SHOW ALL"));
      entries.put("shared-preload-libraries.txt", psql(container, "SHOW shared_preload_libraries"));
      entries.put("extensions.txt", sh(container, EACH_DATABASE));
      entries.put("version-info.json", sh(container, "cat /usr/share/aza-pg/version-info.json"));
      entries.put(
          "tuning.txt",
          psql(container, "SELECT name, value, origin, reason, live_setting FROM aza_pg.tuning"));
      entries.put(
          "init-status.txt", psql(container, "SELECT * FROM aza_pg.init_status ORDER BY id"));
    } else {
      entries.put(
          "not-running.txt",
          container
              + " is not running ("
              + state.status()
              + "): only its logs and state are here\n");
    }
    write(entries, archive, redactor);
    reporter.info("wrote " + entries.size() + " files of " + container + " to " + archive);
    return List.copyOf(entries.keySet());
  }

  private void registerEnvironmentSecrets(String container, Redactor redactor) {
    ProcessResult env = engine.exec(ExecSpec.of(container, "env"));
    for (String line : env.stdoutLines()) {
      int eq = line.indexOf('=');
      if (eq > 0 && Redactor.isSecretName(line.substring(0, eq))) {
        redactor.register(line.substring(eq + 1));
      }
    }
  }

  private String psql(String container, String sql) {
    return describe(
        engine.exec(
            ExecSpec.of(container, "psql", "-U", "postgres", "-d", "postgres", "-XAc", sql)
                .withUser("postgres")
                .withTimeout(Duration.ofMinutes(1))));
  }

  private String sh(String container, String script) {
    return describe(
        engine.exec(
            ExecSpec.of(container, "bash", "-c", script)
                .withUser("postgres")
                .withTimeout(Duration.ofMinutes(1))));
  }

  private static String describe(ProcessResult r) {
    return r.succeeded()
        ? r.stdout()
        : r.stdout() + "\n(exit code " + r.exitCode() + ")\n" + r.stderr();
  }

  private void write(Map<String, String> entries, Path archive, Redactor redactor) {
    Path dir = null;
    try {
      dir =
          Files.createTempDirectory(
              "aza-pg-diagnose-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path content = Files.createDirectory(dir.resolve("diagnostics"));
      for (Map.Entry<String, String> e : entries.entrySet()) {
        Files.writeString(
            content.resolve(e.getKey()), redactor.redact(e.getValue()), StandardCharsets.UTF_8);
      }
      Path target = archive.toAbsolutePath().normalize();
      Files.createDirectories(target.getParent());
      Path temp =
          Files.createTempFile(
              target.getParent(),
              ".diagnose-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      runner.run(
          ProcessSpec.of("tar", "-czf", temp.toString(), "-C", dir.toString(), "diagnostics")
              .failureCode(ExitCode.INTERNAL)
              .build());
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "cannot write " + archive + ": " + e.getMessage());
    } finally {
      if (dir != null) {
        runner.execute(ProcessSpec.of("rm", "-rf", "--one-file-system", dir.toString()).build());
      }
    }
  }
}
