package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Creates a standby in an empty data directory, before any initdb: waits (bounded) for the primary,
 * checks that the slot exists, runs {@code pg_basebackup -R -S <slot> -X stream}. Any failure
 * empties the data directory again, so the next start tries afresh and the volume never holds half
 * a copy.
 */
final class StandbyBootstrap {
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final List<String> BOOTSTRAP_CONNINFO =
      List.of("primary_conninfo", "primary_slot_name");

  private final StandbyConfig cfg;
  private final DataDir dataDir;
  private final Optional<Path> waldir;
  private final Exec exec;
  private final Privileges privileges;
  private final Env env;
  private final Reporter reporter;

  StandbyBootstrap(
      StandbyConfig cfg,
      DataDir dataDir,
      Optional<Path> waldir,
      Exec exec,
      Privileges privileges,
      Env env,
      Reporter reporter) {
    this.cfg = cfg;
    this.dataDir = dataDir;
    this.waldir = waldir;
    this.exec = exec;
    this.privileges = privileges;
    this.env = env;
    this.reporter = reporter;
  }

  void run() {
    reporter.info(
        "POSTGRES_ROLE=replica and "
            + dataDir.path()
            + " is empty: creating a standby of "
            + cfg.address()
            + " (slot "
            + cfg.slot()
            + ") with pg_basebackup; no initdb, no init steps, no init files");
    refuseLeftovers();
    Path passfile = dataDir.secretTempFile(Standby.passfileLine(cfg));
    Optional<Path> rootCert = cfg.rootCert().map(dataDir::secretTempFile);
    try {
      StandbyCommands commands =
          new StandbyCommands(exec, privileges, env, cfg, passfile, rootCert);
      waitForPrimary(commands);
      checkSlot(commands);
      Exec.Result backup = commands.baseBackup(dataDir.path(), waldir);
      if (!backup.ok()) {
        emptyAgain();
        throw new AzaPgException(
            ExitCode.DATABASE,
            "pg_basebackup from "
                + cfg.address()
                + " failed with exit code "
                + backup.exitCode()
                + " (its output is above); "
                + dataDir.path()
                + " was emptied again",
            List.of("fix the cause named above and start the replica again"));
      }
      dropBootstrapConninfo();
      reporter.info("standby created from " + cfg.address() + " by pg_basebackup");
    } finally {
      for (Path tmp : Stream.concat(Stream.of(passfile), rootCert.stream()).toList()) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          reporter.warn("cannot remove the temporary file " + tmp + ": " + e.getMessage());
        }
      }
    }
  }

  private void waitForPrimary(StandbyCommands commands) {
    long deadline = System.nanoTime() + cfg.waitTimeout().toNanos();
    long attempts = Math.max(1, cfg.waitTimeout().toSeconds() / INTERVAL.toSeconds());
    for (long attempt = 1; ; attempt++) {
      if (commands.primaryAnswers()) {
        return;
      }
      if (attempt >= attempts || System.nanoTime() >= deadline) {
        break;
      }
      if (attempt == 1) {
        reporter.info("waiting up to " + cfg.waitTimeout().toSeconds() + " s for " + cfg.address());
      }
      sleep();
    }
    throw new AzaPgException(
        ExitCode.TIMEOUT,
        "PRIMARY_HOST="
            + cfg.host()
            + " PRIMARY_PORT="
            + cfg.port()
            + ": the primary did not accept connections within "
            + cfg.waitTimeout().toSeconds()
            + " s; nothing was written",
        List.of(
            "start the primary first; a replica on another Compose project must join the"
                + " primary's network",
            "check the host name and port; PRIMARY_WAIT_TIMEOUT (seconds) waits longer"));
  }

  private void checkSlot(StandbyCommands commands) {
    Exec.Result r = commands.readSlot();
    if (!r.ok()) {
      throw SlotErrors.connectFailed(cfg, r.tail(2).replace('\n', ' '));
    }
    String row = r.stdout().strip();
    String type = row.contains("|") ? row.substring(0, row.indexOf('|')) : row;
    if (type.isEmpty()) {
      throw SlotErrors.missing(cfg);
    }
    if (!type.equals("physical")) {
      throw StartupConfigParser.invalid(
          "REPLICATION_SLOT_NAME",
          cfg.slot(),
          "the slot on "
              + cfg.address()
              + " is a "
              + type
              + " slot; a replica needs a physical one");
    }
  }

  /** pg_basebackup needs an empty directory; a stray file is the user's, never deleted. */
  private void refuseLeftovers() {
    List<String> found = new ArrayList<>();
    for (Path dir : dirs()) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          entries.limit(5).forEach(p -> found.add(p.toString()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    if (!found.isEmpty()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "PGDATA="
              + dataDir.path()
              + " holds no cluster but is not empty ("
              + String.join(", ", found)
              + "); a replica is copied into an empty directory",
          List.of("move those files away (or use a new volume) and start again"));
    }
  }

  private void emptyAgain() {
    for (Path dir : dirs()) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(dir)) {
            Files.deleteIfExists(p);
          }
        }
      } catch (IOException e) {
        throw new AzaPgException(
            ExitCode.INTERNAL, "cannot empty " + dir + " after the failed copy: " + e.getMessage());
      }
    }
  }

  private List<Path> dirs() {
    List<Path> dirs = new ArrayList<>();
    dirs.add(dataDir.path());
    waldir.ifPresent(dirs::add);
    return dirs;
  }

  /**
   * -R wrote primary_conninfo naming the temporary passfile into postgresql.auto.conf, where it
   * would beat the include the runtime rewrites at every start; the standby's connection lives
   * there instead.
   */
  private void dropBootstrapConninfo() {
    String auto = dataDir.read("postgresql.auto.conf").orElse("");
    StringBuilder kept = new StringBuilder();
    for (String line : auto.split("\n", -1)) {
      String name = line.strip().split("[\\s=]", 2)[0];
      if (!BOOTSTRAP_CONNINFO.contains(name)) {
        kept.append(line).append('\n');
      }
    }
    String text = kept.toString().replaceAll("\n+$", "\n");
    dataDir.write("postgresql.auto.conf", text);
  }

  private static void sleep() {
    try {
      Thread.sleep(INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AzaPgException(ExitCode.TIMEOUT, "interrupted while waiting for the primary");
    }
  }
}
