package io.azapg.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.PortMapping;
import io.azapg.engine.RunSpec;
import io.azapg.engine.VolumeMount;
import io.azapg.process.ProcessResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A physical restore from a stack's pgBackRest repository into a <b>new</b> data volume, started as
 * a new container: the stack, its data volume and its repository are never written (the repository
 * is mounted read-only, and the restored server runs with {@code archive_mode=off}, so it cannot
 * push a second history into it). It works whether the stack's server runs or not.
 */
public final class PhysicalRestore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BACKUP_SET = Pattern.compile("restore backup set ([0-9A-Za-z_-]+)");
  static final String DATA_MOUNT = "/var/lib/postgresql";
  private static final Duration ONE_SHOT = Duration.ofHours(12);

  /**
   * What to restore, and where.
   *
   * @param image the image the stack runs (its pgBackRest and PostgreSQL)
   * @param targetTime recover up to this instant; empty: everything archived
   * @param name the new container; its volume is {@code NAME-data}
   * @param port a loopback host port to publish 5432 on, if any
   * @param timeout how long the recovery may take
   */
  public record Request(
      String image,
      Optional<Instant> targetTime,
      String name,
      OptionalInt port,
      Duration timeout) {}

  /**
   * A restored server.
   *
   * @param container the new container
   * @param volume its data volume
   * @param backup the backup set pgBackRest restored from
   * @param replayedTo the commit time of the last transaction replayed (empty when none was)
   * @param duration restore plus recovery
   */
  public record Result(
      String container,
      String volume,
      String backup,
      Optional<String> replayedTo,
      Duration duration) {}

  /** One backup set of the repository. */
  record BackupSet(String label, Instant stop) {}

  private final ContainerEngine engine;
  private final Reporter reporter;

  public PhysicalRestore(ContainerEngine engine, Reporter reporter) {
    this.engine = engine;
    this.reporter = reporter;
  }

  public static String volumeOf(String name) {
    return name + "-data";
  }

  public Result run(String source, PgBackRest conf, Request req) {
    String volume = volumeOf(req.name());
    if (engine.inspectContainer(req.name()).isPresent() || engine.volumeExists(volume)) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "container "
              + req.name()
              + " or volume "
              + volume
              + " exists: a physical restore only ever creates new ones",
          List.of("choose another --into NAME, or remove the old restore first"));
    }
    if (!engine.volumeExists(conf.repoVolume())) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          source + " has no pgBackRest repository (no volume " + conf.repoVolume() + ")",
          List.of(
              "turn WAL archiving on with " + conf.option() + ", then take a 'backup --physical'"));
    }
    List<BackupSet> sets = backupSets(source, conf, req.image());
    if (sets.isEmpty()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "the repository of " + source + " holds no backup: there is nothing to restore from",
          List.of("take one with 'aza-pg backup --physical'"));
    }
    if (req.targetTime().isPresent() && req.targetTime().get().isBefore(sets.get(0).stop())) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--target-time "
              + req.targetTime().get()
              + " is before the oldest backup ended ("
              + sets.get(0).label()
              + " at "
              + sets.get(0).stop()
              + "): a point in time can only be reached from a backup taken before it",
          List.of("choose a time after " + sets.get(0).stop()));
    }
    Instant start = Instant.now();
    engine.createVolume(volume, Map.of("io.aza-pg.restored-from", source));
    String backup;
    try {
      backup = restore(conf, req, volume);
    } catch (RuntimeException e) {
      engine.removeVolume(volume, true);
      throw e;
    }
    reporter.info(
        "starting " + req.name() + " on the restored data; it replays WAL, then promotes");
    RunSpec.Builder run =
        RunSpec.builder(req.image())
            .name(req.name())
            .volume(new VolumeMount(volume, DATA_MOUNT, false))
            .volume(new VolumeMount(conf.repoVolume(), conf.repoPath(), true))
            .label("io.aza-pg.restored-from", source)
            .command("postgres");
    req.port().ifPresent(p -> run.publish(PortMapping.loopback(p, 5432)));
    engine.run(run.build());
    Target restored = new Target(req.name(), "postgres", "restored server " + req.name());
    Optional<String> replayed = awaitPromotion(new InContainer(engine, restored), req);
    return new Result(req.name(), volume, backup, replayed, Duration.between(start, Instant.now()));
  }

  /** The repository's backup sets, oldest first, read from a one-shot container. */
  List<BackupSet> backupSets(String source, PgBackRest conf, String image) {
    ProcessResult r =
        engine.runAttached(
            oneShot(conf, image, Optional.empty())
                .command(
                    "--stanza=" + conf.stanza(),
                    "--repo1-path=" + conf.repoPath(),
                    "--log-level-file=off",
                    "--output=json",
                    "info")
                .build(),
            Duration.ofMinutes(5));
    if (!r.succeeded()) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED,
          "cannot read the pgBackRest repository of "
              + source
              + ": "
              + PhysicalBackup.lastError(r.stderr() + "\n" + r.stdout()));
    }
    List<BackupSet> sets = new ArrayList<>();
    try {
      for (JsonNode s : JSON.readTree(r.stdout())) {
        if (s.path("name").asText().equals(conf.stanza())) {
          for (JsonNode b : s.path("backup")) {
            sets.add(
                new BackupSet(
                    b.path("label").asText(),
                    Instant.ofEpochSecond(b.path("timestamp").path("stop").asLong())));
          }
        }
      }
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED, "'pgbackrest info' printed no JSON: " + e.getMessage());
    }
    return List.copyOf(sets);
  }

  private String restore(PgBackRest conf, Request req, String volume) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--stanza=" + conf.stanza(),
                "--repo1-path=" + conf.repoPath(),
                "--pg1-path=" + conf.pgPath(),
                "--log-level-console=off",
                "--log-level-stderr=info",
                "--log-level-file=off",
                // the restored server must never push its own history into the stack's repository
                "--archive-mode=off",
                "--recovery-option=restore_command=pgbackrest --stanza="
                    + conf.stanza()
                    + " --repo1-path="
                    + conf.repoPath()
                    + " --pg1-path="
                    + conf.pgPath()
                    + " --log-level-file=off archive-get %f \"%p\""));
    if (req.targetTime().isPresent()) {
      args.addAll(
          List.of(
              "--type=time",
              "--target=" + TargetTime.forPostgres(req.targetTime().get()),
              "--target-action=promote"));
      reporter.info(
          "restoring to " + TargetTime.forPostgres(req.targetTime().get()) + " into " + volume);
    } else {
      reporter.info("restoring everything archived into " + volume);
    }
    args.add("restore");
    ProcessResult r =
        engine.runAttached(
            oneShot(conf, req.image(), Optional.of(volume)).command(args).build(),
            ONE_SHOT,
            PgBackRest.progress(reporter));
    if (!r.succeeded()) {
      throw new AzaPgException(
          ExitCode.DATABASE,
          "pgbackrest restore failed (exit "
              + r.exitCode()
              + "): "
              + PhysicalBackup.lastError(r.stderr())
              + "; the new volume was removed, nothing else was touched");
    }
    Matcher m = BACKUP_SET.matcher(r.stderr());
    return m.find() ? m.group(1) : "(not reported)";
  }

  private static RunSpec.Builder oneShot(PgBackRest conf, String image, Optional<String> data) {
    RunSpec.Builder b =
        RunSpec.builder(image)
            .user("postgres")
            .entrypoint("pgbackrest")
            .removeWhenDone(true)
            .volume(new VolumeMount(conf.repoVolume(), conf.repoPath(), true));
    data.ifPresent(v -> b.volume(new VolumeMount(v, DATA_MOUNT, false)));
    return b;
  }

  /** Waits until the restored server has replayed to its target and accepts writes. */
  private Optional<String> awaitPromotion(InContainer in, Request req) {
    Instant deadline = Instant.now().plus(req.timeout());
    String last = "(no answer yet)";
    while (Instant.now().isBefore(deadline)) {
      if (engine.inspectContainer(req.name()).filter(s -> s.running()).isEmpty()) {
        throw failedStart(req, "it stopped");
      }
      ProcessResult r =
          in.psql(
              "postgres",
              "SELECT pg_is_in_recovery() || '|' || coalesce(pg_last_xact_replay_timestamp()::text,"
                  + " '')",
              Duration.ofSeconds(30));
      if (r.succeeded()) {
        String[] v = r.stdout().strip().split("\\|", 2);
        if (v[0].equals("false")) {
          return v.length == 2 && !v[1].isBlank() ? Optional.of(v[1]) : Optional.empty();
        }
        last = "still in recovery";
      } else {
        last = InContainer.lastLines(r.stderr());
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AzaPgException(ExitCode.TIMEOUT, "interrupted while " + req.name() + " recovers");
      }
    }
    throw failedStart(
        req,
        "it did not finish its recovery within " + req.timeout().toSeconds() + " s (" + last + ")");
  }

  private AzaPgException failedStart(Request req, String why) {
    List<String> log = ProcessResult.tail(engine.logs(req.name(), OptionalInt.of(15)), 5);
    return new AzaPgException(
        ExitCode.TIMEOUT,
        "the restored server "
            + req.name()
            + " did not come up: "
            + why
            + "; its log ends: "
            + String.join(" | ", log),
        List.of(
            "the container and volume "
                + volumeOf(req.name())
                + " are kept for inspection; remove them with 'podman rm -f "
                + req.name()
                + "' and 'podman volume rm "
                + volumeOf(req.name())
                + "'"));
  }
}
