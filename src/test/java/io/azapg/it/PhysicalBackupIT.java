package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.ProcessResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * pgBackRest physical backups and point-in-time recovery as a user runs them: a single stack is
 * refused while its WAL is not archived, gets {@code --set wal-archive=on}, takes a full and an
 * incremental backup, and a restore to a timestamp read from the server holds exactly the rows
 * committed before it, in a new container, while the stack keeps all of its rows.
 */
class PhysicalBackupIT {

  @Test
  void pointInTimeRestore_holdsExactlyTheRowsCommittedBeforeTheTarget()
      throws InterruptedException {
    String stack = StackRun.project("pitr");
    String restored = stack + "-restored";
    int port = StackRun.freePort();
    int metrics = StackRun.freePort();
    try {
      TestImage.get();
      ProcessResult up = StackRun.up("single", stack, "port=" + port, "metrics-port=" + metrics);
      assertThat(up.exitCode()).as(up.stderr()).isZero();

      // Archiving off: both commands refuse, naming the option that turns it on.
      ProcessResult off = aza("backup", "--physical", "--stack", "single", "--name", stack);
      assertThat(off.exitCode()).as(off.stderr()).isEqualTo(3);
      assertThat(off.stderr())
          .contains("WAL archiving with pgBackRest is off")
          .contains("--set wal-archive=on");
      assertThat(off.stdout()).isEmpty();
      ProcessResult noRepo = aza("restore", "--physical", "--stack", "single", "--name", stack);
      assertThat(noRepo.exitCode()).as(noRepo.stderr()).isEqualTo(3);
      assertThat(noRepo.stderr())
          .contains("has no pgBackRest repository")
          .contains("--set wal-archive=on");

      // Turned on for the existing stack: the server is recreated, its data stays.
      psql(container(stack), "CREATE TABLE t (id int PRIMARY KEY, at timestamptz DEFAULT now())");
      ProcessResult on =
          StackRun.up("single", stack, "port=" + port, "metrics-port=" + metrics, "wal-archive=on");
      assertThat(on.exitCode()).as(on.stderr()).isZero();
      String server = container(stack);

      ProcessResult full = aza("backup", "--physical", "--stack", "single", "--name", stack);
      assertThat(full.exitCode()).as(full.stderr()).isZero();
      assertThat(full.stdout().strip()).matches("\\d{8}-\\d{6}F");
      assertThat(full.stderr()).contains("pgbackrest:").contains("full");
      psql(server, "INSERT INTO t (id) SELECT g FROM generate_series(1, 60) g");
      ProcessResult incr =
          aza("backup", "--physical", "--type", "incr", "--stack", "single", "--name", stack);
      assertThat(incr.exitCode()).as(incr.stderr()).isZero();
      assertThat(incr.stdout().strip()).matches(full.stdout().strip() + "_\\d{8}-\\d{6}I");
      // pgBackRest records when a backup ended in whole seconds and restores to a time from the
      // newest set that ended before it: a target in the second the incremental ended would
      // (rightly)
      // be reached from the full set. So the target is taken in a later second.
      Thread.sleep(1100);
      psql(server, "INSERT INTO t (id) SELECT g FROM generate_series(61, 100) g");
      String target = psql(server, "SELECT pg_switch_wal(); CHECKPOINT; SELECT clock_timestamp()");
      target = target.lines().reduce((a, b) -> b).orElseThrow();
      psql(server, "INSERT INTO t (id) SELECT g FROM generate_series(101, 150) g");
      String segment = psql(server, "SELECT pg_walfile_name(pg_switch_wal())");
      StackRun.within(
          Duration.ofMinutes(2),
          "WAL segment " + segment + " archived",
          () ->
              psql(server, "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")
                      .compareTo(segment)
                  >= 0);

      ProcessResult restore =
          aza(
              "restore",
              "--physical",
              "--stack",
              "single",
              "--name",
              stack,
              "--target-time",
              target,
              "--into",
              restored);
      assertThat(restore.exitCode()).as(restore.stderr()).isZero();
      assertThat(restore.stdout())
          .contains("container: " + restored)
          .contains("volume: " + restored + "-data")
          .contains("backup: " + incr.stdout().strip())
          .contains("target-time: ");
      assertThat(psql(restored, "SELECT count(*) || ' ' || min(id) || ' ' || max(id) FROM t"))
          .isEqualTo("100 1 100");
      assertThat(
              psql(
                  restored,
                  "SELECT pg_is_in_recovery()::text || ' ' || current_setting('archive_mode')"))
          .isEqualTo("false off");
      psql(restored, "INSERT INTO t (id) VALUES (1000)");
      assertThat(psql(server, "SELECT count(*) FROM t")).isEqualTo("150");

      ProcessResult again =
          aza("restore", "--physical", "--stack", "single", "--name", stack, "--into", restored);
      assertThat(again.exitCode()).as(again.stderr()).isEqualTo(3);
      assertThat(again.stderr()).contains("exists: a physical restore only ever creates new ones");

      ProcessResult early = restoreAt(stack, "2000-01-01T00:00:00Z");
      assertThat(early.exitCode()).as(early.stderr()).isEqualTo(3);
      assertThat(early.stderr()).contains("is before the oldest backup ended");

      // The restored server is removed like a node: container and NAME-data volume.
      ProcessResult down = aza("down", "--name", restored, "--volumes");
      assertThat(down.exitCode()).as(down.stderr()).isZero();
      assertThat(down.stderr())
          .contains("removed container " + restored)
          .contains("removed volume " + restored + "-data");
    } finally {
      AzaPg.exec(Duration.ofMinutes(2), AzaPg.engine(), "rm", "--force", restored);
      AzaPg.exec(
          Duration.ofMinutes(1), AzaPg.engine(), "volume", "rm", "--force", restored + "-data");
      StackRun.down("single", stack);
    }
  }

  @Test
  void badInput_isRefusedBeforeAnythingIsTouched() {
    String stack = StackRun.project("pitr-bad");
    ProcessResult noZone = restoreAt(stack, "2026-12-07 05:10:00");
    assertThat(noZone.exitCode()).as(noZone.stderr()).isEqualTo(3);
    assertThat(noZone.stderr()).contains("--target-time 2026-12-07 05:10:00 has no time zone");
    ProcessResult notATime = restoreAt(stack, "noon");
    assertThat(notATime.exitCode()).isEqualTo(3);
    assertThat(notATime.stderr()).contains("--target-time noon is not a timestamp");
    ProcessResult future = restoreAt(stack, "2999-01-01T00:00:00Z");
    assertThat(future.exitCode()).isEqualTo(3);
    assertThat(future.stderr()).contains("is in the future");
    ProcessResult node = aza("backup", "--physical", "--name", stack);
    assertThat(node.exitCode()).isEqualTo(3);
    assertThat(node.stderr()).contains("--physical needs --stack primary or --stack single");
    ProcessResult replica = aza("backup", "--physical", "--stack", "replica", "--name", stack);
    assertThat(replica.exitCode()).isEqualTo(3);
    assertThat(replica.stderr()).contains("a replica stack archives no WAL of its own");
    ProcessResult mixed =
        aza("backup", "--physical", "--db", "app", "--stack", "single", "--name", stack);
    assertThat(mixed.exitCode()).isEqualTo(3);
    assertThat(mixed.stderr()).contains("--physical with --db: those are for logical backups");
    ProcessResult badType =
        aza("backup", "--physical", "--type", "weekly", "--stack", "single", "--name", stack);
    assertThat(badType.exitCode()).isEqualTo(3);
    assertThat(badType.stderr()).contains("--type weekly is not a physical backup type");
  }

  private static ProcessResult aza(String... args) {
    return AzaPg.run(Duration.ofMinutes(10), args);
  }

  private static String container(String stack) {
    return StackRun.serviceContainer(stack, "postgres");
  }

  /** {@code aza-pg restore --physical} of the single stack {@code stack} to {@code time}. */
  private static ProcessResult restoreAt(String stack, String time) {
    return aza(
        "restore", "--physical", "--stack", "single", "--name", stack, "--target-time", time);
  }

  /** psql inside a container as postgres over its socket; statements split at "; ". */
  private static String psql(String container, String sql) {
    return BackupRestoreIT.psql(container, "postgres", sql.split("; "));
  }
}
