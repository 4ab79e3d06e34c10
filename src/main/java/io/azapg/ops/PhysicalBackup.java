package io.azapg.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.process.ProcessResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A physical backup with pgBackRest, run inside the server's container as {@code postgres} (no
 * {@code su}, no password): checks that the server archives its WAL with pgBackRest, creates the
 * stanza (idempotent: a no-op once it exists), takes the backup and reads its label back from the
 * repository. pgBackRest's messages are the progress, on stderr.
 */
public final class PhysicalBackup {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a backup may be: full, incremental (since the last backup) or differential. */
  public enum Type {
    FULL("full"),
    INCR("incr"),
    DIFF("diff");

    private final String id;

    Type(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Type parse(String value) {
      for (Type t : values()) {
        if (t.id.equals(value.strip().toLowerCase(Locale.ROOT))) {
          return t;
        }
      }
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--type " + value + " is not a physical backup type",
          List.of("use full, incr (changes since the last backup) or diff (since the last full)"));
    }
  }

  /**
   * A backup taken.
   *
   * @param label pgBackRest's label, e.g. {@code 20261207-051500F}
   * @param type what pgBackRest took (an incremental without a full before it becomes a full)
   * @param bytes the database's size as backed up
   * @param repoBytes what it added to the repository (compressed)
   * @param duration how long it took
   */
  public record Result(String label, String type, long bytes, long repoBytes, Duration duration) {}

  private final ContainerEngine engine;
  private final Reporter reporter;

  public PhysicalBackup(ContainerEngine engine, Reporter reporter) {
    this.engine = engine;
    this.reporter = reporter;
  }

  public Result run(Target target, PgBackRest conf, Type type) {
    InContainer in = new InContainer(engine, target);
    in.requireAnswers(target.database());
    requireArchiving(in, target, conf);
    Instant start = Instant.now();
    reporter.info("creating the stanza \"" + conf.stanza() + "\" (nothing to do once it exists)");
    pgbackrest(in, conf.command("stanza-create"), "stanza-create");
    reporter.info("taking a " + type.id() + " backup of " + target.description());
    pgbackrest(in, conf.command("--type=" + type.id(), "backup"), "backup");
    ProcessResult info = in.run(conf.command("--output=json", "info"), null);
    if (!info.succeeded()) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED,
          "the backup ran but 'pgbackrest info' failed: " + InContainer.lastLines(info.stderr()));
    }
    return latest(info.stdout(), conf.stanza(), Duration.between(start, Instant.now()));
  }

  /** Refuses a server that does not archive its WAL with pgBackRest, naming the option. */
  static void requireArchiving(InContainer in, Target target, PgBackRest conf) {
    ProcessResult r =
        in.psql(
            "postgres",
            "SELECT current_setting('archive_mode') || '|' || current_setting('archive_command')",
            Duration.ofSeconds(30));
    String[] v = r.stdout().strip().split("\\|", 2);
    boolean on =
        r.succeeded()
            && v.length == 2
            && !v[0].equals("off")
            && v[1].contains("pgbackrest")
            && v[1].contains("--stanza=" + conf.stanza());
    if (!on) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "WAL archiving with pgBackRest is off on "
              + target.description()
              + " (archive_mode="
              + (v.length > 0 && !v[0].isBlank() ? v[0] : "?")
              + "): a physical backup needs it",
          List.of(
              "turn it on: " + conf.option(),
              "it recreates the server's container (the data stays) and adds the stack's"
                  + " pgbackrest volume"));
    }
  }

  private void pgbackrest(InContainer in, List<String> command, String what) {
    ProcessResult r = in.run(command, PgBackRest.progress(reporter));
    if (!r.succeeded()) {
      throw new AzaPgException(
          ExitCode.DATABASE,
          "pgbackrest " + what + " failed (exit " + r.exitCode() + "): " + lastError(r.stderr()),
          List.of("the server's log ('./aza-pg logs') shows archive_command's errors"));
    }
  }

  /** The most helpful line of pgBackRest's messages: its last ERROR, else the last lines. */
  static String lastError(String stderr) {
    List<String> errors =
        stderr.lines().filter(l -> l.contains("ERROR:")).map(String::strip).toList();
    return errors.isEmpty() ? InContainer.lastLines(stderr) : errors.get(errors.size() - 1);
  }

  /** The newest backup of the stanza in {@code pgbackrest info --output=json}. */
  static Result latest(String json, String stanza, Duration duration) {
    try {
      for (JsonNode s : JSON.readTree(json)) {
        if (!s.path("name").asText().equals(stanza)) {
          continue;
        }
        JsonNode backups = s.path("backup");
        if (backups.isArray() && !backups.isEmpty()) {
          JsonNode b = backups.get(backups.size() - 1);
          return new Result(
              b.path("label").asText(),
              b.path("type").asText(),
              b.path("info").path("size").asLong(),
              b.path("info").path("repository").path("delta").asLong(),
              duration);
        }
      }
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED, "'pgbackrest info' printed no JSON: " + e.getMessage());
    }
    throw new AzaPgException(
        ExitCode.CHECK_FAILED,
        "the backup ran but the repository lists no backup of stanza " + stanza);
  }
}
