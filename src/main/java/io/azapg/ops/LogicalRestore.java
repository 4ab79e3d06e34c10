package io.azapg.ops;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.db.Sql;
import io.azapg.engine.ContainerEngine;
import io.azapg.process.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Restores a logical backup into a target. Nothing is touched until the archive has passed its
 * checksum (when a {@code .sha256} file lies beside it) and a complete read-back, and the user has
 * confirmed. The restore stops at the first error ({@code pg_restore --exit-on-error}, psql's
 * {@code ON_ERROR_STOP}); objects the archive holds replace those of the same name. TimescaleDB's
 * restore mode is switched on around a restore of an archive that holds it.
 */
public final class LogicalRestore {
  /** Asks the user to go ahead; false stops the restore before anything is changed. */
  @FunctionalInterface
  public interface Confirmation {
    boolean confirm(String plan);
  }

  /**
   * What to restore.
   *
   * @param file the archive
   * @param database the database to restore into; empty: the archive's (with create) or the
   *     target's
   * @param create create the database first (refused when it exists)
   * @param singleTransaction all or nothing
   */
  public record Request(
      Path file, Optional<String> database, boolean create, boolean singleTransaction) {}

  /** A table and its exact row count after the restore. */
  public record TableRows(String table, long rows) {}

  /**
   * A finished restore.
   *
   * @param database the database restored into
   * @param duration how long the restore took
   * @param tables every table of that database with its rows
   */
  public record Result(String database, Duration duration, List<TableRows> tables) {}

  private static final String COUNTS =
      "SELECT format('%I.%I', n.nspname, c.relname),"
          + " (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I',"
          + " n.nspname, c.relname), false, true, '')))[1]::text"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
          + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT LIKE '\\_timescaledb\\_%'"
          + " AND n.nspname <> 'timescaledb_information'"
          + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid"
          + " AND d.classid = 'pg_class'::regclass AND d.deptype = 'e')"
          + " ORDER BY 1";

  private final ContainerEngine engine;
  private final Reporter reporter;

  public LogicalRestore(ContainerEngine engine, Reporter reporter) {
    this.engine = engine;
    this.reporter = reporter;
  }

  public Result run(Target target, Request request, Confirmation confirmation) {
    Path file = request.file().toAbsolutePath();
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          request.file() + ": no such readable file",
          List.of("name a backup written by './aza-pg backup'"));
    }
    Optional<String> recorded = Archives.recordedSha256(file);
    if (recorded.isPresent()) {
      String actual = Archives.sha256(file);
      if (!actual.equals(recorded.get())) {
        throw new AzaPgException(
            ExitCode.CHECK_FAILED,
            file
                + " does not match its checksum in "
                + Archives.checksumFile(file).getFileName()
                + " (sha256 "
                + actual
                + ", recorded "
                + recorded.get()
                + "): the archive is damaged or was changed; nothing was restored",
            List.of("restore from an intact copy of the backup"));
      }
      reporter.info("checksum matches " + Archives.checksumFile(file).getFileName());
    } else {
      reporter.warn(
          "no "
              + Archives.checksumFile(file).getFileName()
              + " beside the archive: only its structure can be checked");
    }
    InContainer pg = new InContainer(engine, target);
    pg.requireAnswers("postgres");
    reporter.info("reading " + file.getFileName() + " back completely before restoring");
    ArchiveCheck.Outcome archive = new ArchiveCheck(pg).check(file);
    if (!archive.ok()) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED,
          file + " is refused, nothing was restored: " + archive.problemText(),
          List.of("restore from an intact copy of the backup"));
    }
    Archives.Kind kind = archive.kind().orElseThrow();
    String database = database(target, request, archive, kind);
    boolean exists = exists(pg, database);
    if (request.create() && exists) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--create: database \"" + database + "\" already exists in " + target.description(),
          List.of(
              "restore into it without --create (objects in the archive replace theirs)",
              "or name a new database with --db NAME"));
    }
    if (!request.create() && !exists) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "database \"" + database + "\" does not exist in " + target.description(),
          List.of("add --create to create it, or name another with --db NAME"));
    }
    String plan =
        "restore "
            + file.getFileName()
            + " ("
            + kind.word()
            + ") into database \""
            + database
            + "\" of "
            + target.description()
            + (request.create()
                ? ", created first"
                : ": objects it holds replace existing ones of the same name");
    if (!confirmation.confirm(plan)) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED, "restore not confirmed; nothing was changed", List.of());
    }
    long start = System.nanoTime();
    if (request.create()) {
      sql(pg, "postgres", "CREATE DATABASE " + Sql.ident(database));
    }
    boolean timescale = kind == Archives.Kind.CUSTOM && archive.createsExtension("timescaledb");
    if (timescale) {
      reporter.info("switching TimescaleDB to restore mode in \"" + database + "\"");
      sql(pg, database, "CREATE EXTENSION IF NOT EXISTS timescaledb");
      sql(pg, database, "SELECT timescaledb_pre_restore()");
    }
    reporter.info("restoring into \"" + database + "\" (stops at the first error)");
    ProcessResult restored;
    try {
      restored =
          pg.stream(restoreCommand(kind, database, request), Optional.of(file), Optional.empty());
    } finally {
      if (timescale) {
        sql(pg, database, "SELECT timescaledb_post_restore()");
      }
    }
    if (!restored.succeeded()) {
      throw new AzaPgException(
          ExitCode.DATABASE,
          "the restore into \""
              + database
              + "\" stopped at its first error: "
              + InContainer.lastLines(restored.stderr()),
          List.of(
              request.singleTransaction()
                  ? "it ran in one transaction: the database is as it was"
                  : "objects restored before the error remain; --single-transaction makes it all"
                      + " or nothing"));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new Result(database, took, tables(pg, database));
  }

  private static String database(
      Target target, Request request, ArchiveCheck.Outcome archive, Archives.Kind kind) {
    if (request.database().isPresent()) {
      return request.database().get();
    }
    if (request.create()) {
      if (kind == Archives.Kind.CUSTOM && archive.database().isPresent()) {
        return archive.database().get();
      }
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--create needs --db NAME for a SQL archive (it does not record its database)",
          List.of("e.g. --create --db restored"));
    }
    return target.database();
  }

  private static List<String> restoreCommand(Archives.Kind kind, String database, Request request) {
    if (kind == Archives.Kind.CUSTOM) {
      List<String> argv =
          new ArrayList<>(
              List.of(
                  "pg_restore",
                  "--no-password",
                  "--exit-on-error",
                  "--clean",
                  "--if-exists",
                  "--dbname",
                  database));
      if (request.singleTransaction()) {
        argv.add("--single-transaction");
      }
      return argv;
    }
    List<String> psql =
        new ArrayList<>(List.of("psql", "-X", "-q", "--no-password", "-v", "ON_ERROR_STOP=1"));
    if (request.singleTransaction()) {
      psql.add("--single-transaction");
    }
    psql.addAll(List.of("--dbname", database));
    if (kind == Archives.Kind.SQL) {
      return psql;
    }
    String decompress = kind == Archives.Kind.GZIP_SQL ? "gzip -dc" : "zstd -dcq";
    // A fixed pipeline; the database and flags travel as arguments, never inside the script.
    List<String> argv =
        new ArrayList<>(
            List.of("bash", "-o", "pipefail", "-c", decompress + " | psql \"$@\"", "restore"));
    argv.addAll(psql.subList(1, psql.size()));
    return argv;
  }

  private static boolean exists(InContainer pg, String database) {
    ProcessResult r =
        pg.psql(
            "postgres",
            "SELECT count(*) FROM pg_database WHERE datname = " + Sql.literal(database),
            Duration.ofSeconds(30));
    if (!r.succeeded()) {
      throw new AzaPgException(
          ExitCode.DATABASE, "cannot list the databases: " + InContainer.lastLines(r.stderr()));
    }
    return r.stdout().strip().equals("1");
  }

  private static void sql(InContainer pg, String database, String statement) {
    ProcessResult r = pg.psql(database, statement, InContainer.LONG);
    if (!r.succeeded()) {
      throw new AzaPgException(
          ExitCode.DATABASE,
          statement + " failed in \"" + database + "\": " + InContainer.lastLines(r.stderr()));
    }
  }

  private static List<TableRows> tables(InContainer pg, String database) {
    ProcessResult r = pg.psql(database, COUNTS, InContainer.LONG);
    if (!r.succeeded()) {
      throw new AzaPgException(
          ExitCode.DATABASE,
          "restored, but the tables cannot be counted: " + InContainer.lastLines(r.stderr()));
    }
    List<TableRows> rows = new ArrayList<>();
    for (String line : r.stdoutLines()) {
      int bar = line.lastIndexOf('|');
      if (bar > 0) {
        rows.add(new TableRows(line.substring(0, bar), Long.parseLong(line.substring(bar + 1))));
      }
    }
    return rows;
  }
}
