package io.azapg.ops;

import io.azapg.common.Reporter;
import io.azapg.process.Channel;
import io.azapg.process.LineListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a stack's pgBackRest lives (the values its generated configuration holds; the CLI passes
 * them in so that this package does not depend on the renderers).
 *
 * @param stanza the stanza name
 * @param repoPath the repository's path in a container (the repository volume's mount point)
 * @param pgPath the data directory (PGDATA) in a container
 * @param repoVolume the stack's repository volume
 * @param option how to turn archiving on, for messages (e.g. {@code --set wal-archive=on})
 */
public record PgBackRest(
    String stanza, String repoPath, String pgPath, String repoVolume, String option) {
  public PgBackRest {
    Objects.requireNonNull(stanza, "stanza");
    Objects.requireNonNull(repoPath, "repoPath");
    Objects.requireNonNull(pgPath, "pgPath");
    Objects.requireNonNull(repoVolume, "repoVolume");
    Objects.requireNonNull(option, "option");
  }

  /**
   * {@code pgbackrest} with the options every command here passes: the stanza, messages on stderr
   * only (progress for the user), none on stdout or in files.
   */
  List<String> command(String... rest) {
    List<String> c =
        new ArrayList<>(
            List.of(
                "pgbackrest",
                "--stanza=" + stanza,
                "--log-level-console=off",
                "--log-level-stderr=info",
                "--log-level-file=off"));
    c.addAll(List.of(rest));
    return c;
  }

  /** Shows pgBackRest's stderr lines (its progress) to the user as they come. */
  static LineListener progress(Reporter reporter) {
    return (channel, line) -> {
      if (channel == Channel.STDERR && !line.isBlank()) {
        reporter.info("pgbackrest: " + line.strip());
      }
    };
  }
}
