package io.azapg.ops;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.process.ProcessResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A logical backup: {@code pg_dump} (or {@code pg_dumpall}) inside the target, its output streamed
 * by the operating system into a temporary file beside the final name (never through memory),
 * verified by reading it back completely, checksummed, and only then given its final name, next to
 * a {@code .sha256} file. An existing file is never overwritten; a failure leaves nothing under the
 * final name.
 */
public final class LogicalBackup {
  /** pg_dump's output format. */
  public enum Format {
    CUSTOM,
    PLAIN;

    /** Parses {@code custom} or {@code plain}. */
    public static Format parse(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "custom" -> CUSTOM;
        case "plain" -> PLAIN;
        default ->
            throw new AzaPgException(
                ExitCode.INVALID_INPUT,
                "--format " + value + ": unknown format",
                List.of("use custom (pg_restore's format, the default) or plain (SQL)"));
      };
    }
  }

  /** A compression method. */
  public enum Method {
    ZSTD(19),
    GZIP(9),
    NONE(0);

    private final int maxLevel;

    Method(int maxLevel) {
      this.maxLevel = maxLevel;
    }

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The compression pg_dump applies.
   *
   * @param method zstd, gzip or none
   * @param level the method's level; 0 for its default
   */
  public record Compression(Method method, int level) {
    /** Parses {@code zstd}, {@code gzip} or {@code none}, optionally with {@code :LEVEL}. */
    public static Compression parse(String value) {
      String[] parts = value.toLowerCase(Locale.ROOT).split(":", 2);
      Method method =
          switch (parts[0]) {
            case "zstd" -> Method.ZSTD;
            case "gzip" -> Method.GZIP;
            case "none" -> Method.NONE;
            default ->
                throw new AzaPgException(
                    ExitCode.INVALID_INPUT,
                    "--compress " + value + ": unknown compression",
                    List.of("use zstd (the default), gzip or none; zstd:LEVEL, gzip:LEVEL"));
          };
      int level = 0;
      if (parts.length == 2) {
        try {
          level = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          level = -1;
        }
        if (level < 1 || level > method.maxLevel) {
          throw new AzaPgException(
              ExitCode.INVALID_INPUT,
              "--compress " + value + ": the level must be a number from 1 to " + method.maxLevel,
              List.of(
                  method == Method.NONE ? "use none without a level" : "e.g. " + parts[0] + ":3"));
        }
      }
      return new Compression(method, level);
    }

    String word() {
      return method.word() + (level > 0 ? ":" + level : "");
    }
  }

  /**
   * What to back up.
   *
   * @param database the database; empty with {@code all}
   * @param all every database and the roles ({@code pg_dumpall}, plain SQL)
   * @param format the archive format
   * @param compression the compression
   * @param output the file to create
   */
  public record Request(
      Optional<String> database,
      boolean all,
      Format format,
      Compression compression,
      Path output) {}

  /**
   * A finished backup.
   *
   * @param file the archive
   * @param bytes its size
   * @param duration dump and verification together
   * @param sha256 its SHA-256, also in {@code file.sha256}
   * @param entries the archive's table-of-contents entries (custom format); 0 for SQL
   */
  public record Result(Path file, long bytes, Duration duration, String sha256, int entries) {}

  private final ContainerEngine engine;
  private final Reporter reporter;

  public LogicalBackup(ContainerEngine engine, Reporter reporter) {
    this.engine = engine;
    this.reporter = reporter;
  }

  public Result run(Target target, Request request) {
    long start = System.nanoTime();
    if (request.all() && request.format() == Format.CUSTOM) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--all --format custom: pg_dumpall writes SQL only",
          List.of("use --all --format plain, or back up one database with --db NAME"));
    }
    Path output = request.output().toAbsolutePath();
    Path checksum = Archives.checksumFile(output);
    for (Path p : List.of(output, checksum)) {
      if (Files.exists(p)) {
        throw Archives.exists(p);
      }
    }
    Path dir = Archives.parentOf(output);
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "-o " + request.output() + ": " + dir + " is not a writable directory",
          List.of("create the directory first, or choose another with -o"));
    }
    InContainer pg = new InContainer(engine, target);
    String database = request.database().orElse(request.all() ? "postgres" : target.database());
    pg.requireAnswers(database);
    String what =
        request.all()
            ? "every database of " + target.description()
            : "database \"" + database + "\"";
    reporter.info(
        "backing up "
            + what
            + " ("
            + request.format().name().toLowerCase(Locale.ROOT)
            + ", "
            + request.compression().word()
            + ") to "
            + output);
    Path partial = Archives.temporaryBeside(output);
    boolean published = false;
    try {
      ProcessResult dump =
          pg.stream(dumpCommand(request, database), Optional.empty(), Optional.of(partial));
      if (!dump.succeeded()) {
        throw new AzaPgException(
            ExitCode.DATABASE,
            (request.all() ? "pg_dumpall" : "pg_dump")
                + " failed (exit "
                + dump.exitCode()
                + "): "
                + InContainer.lastLines(dump.stderr()),
            List.of("no file was written under " + output));
      }
      dump.stderr().lines().filter(l -> !l.isBlank()).forEach(reporter::debug);
      long bytes = Files.size(partial);
      reporter.info("dumped " + bytes + " bytes; reading the archive back to verify it");
      int entries = verify(pg, request, partial);
      String sha = Archives.sha256(partial);
      Path checksumPartial = Archives.temporaryBeside(checksum);
      try {
        Files.writeString(
            checksumPartial, sha + "  " + output.getFileName() + "\n", StandardCharsets.UTF_8);
        Archives.publish(partial, output);
        published = true;
        Archives.publish(checksumPartial, checksum);
      } finally {
        Archives.deleteQuietly(checksumPartial);
      }
      return new Result(output, bytes, Duration.ofNanos(System.nanoTime() - start), sha, entries);
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot write " + partial + ": " + e.getMessage(),
          List.of("check the directory's free space and permissions"));
    } finally {
      if (!published) {
        Archives.deleteQuietly(partial);
      }
    }
  }

  private static List<String> dumpCommand(Request request, String database) {
    if (request.all()) {
      return switch (request.compression().method()) {
        case NONE -> List.of("pg_dumpall", "--no-password", "--clean", "--if-exists");
        // pg_dumpall cannot compress; a fixed pipeline whose failure in either part fails it.
        case ZSTD ->
            List.of(
                "bash",
                "-o",
                "pipefail",
                "-c",
                "pg_dumpall --no-password --clean --if-exists | zstd -q -c -"
                    + (request.compression().level() > 0 ? request.compression().level() : 3));
        case GZIP ->
            List.of(
                "bash",
                "-o",
                "pipefail",
                "-c",
                "pg_dumpall --no-password --clean --if-exists | gzip -c -"
                    + (request.compression().level() > 0 ? request.compression().level() : 6));
      };
    }
    List<String> argv = new ArrayList<>(List.of("pg_dump", "--no-password", "--dbname", database));
    argv.add("--format=" + request.format().name().toLowerCase(Locale.ROOT));
    argv.add("--compress=" + request.compression().word());
    if (request.format() == Format.PLAIN) {
      // SQL that replaces what it contains when replayed into a database that has it.
      argv.addAll(List.of("--clean", "--if-exists"));
    }
    return argv;
  }

  /** Reads the whole archive back in the target's own tools; returns the TOC entry count. */
  private int verify(InContainer pg, Request request, Path partial) {
    ArchiveCheck.Outcome outcome = new ArchiveCheck(pg).check(partial);
    if (!outcome.ok()) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED,
          "the new archive does not read back: " + outcome.problemText(),
          List.of("no file was written under " + request.output()));
    }
    return outcome.entries().size();
  }
}
