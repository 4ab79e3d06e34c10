package io.azapg.generate.compose;

/**
 * The pgBackRest configuration of a stack with {@code wal-archive=on}: one repository on the
 * stack's own named volume, one stanza for its server. The server's {@code archive_command} pushes
 * every WAL segment there; {@code aza-pg backup --physical} creates the stanza (idempotently) and
 * takes the backups; {@code aza-pg restore --physical} reads the volume from a new container.
 */
public final class PgBackRestConf {
  /** The stanza every stack uses (one server per stack, one repository per stack). */
  public static final String STANZA = "aza-pg";

  /** Where the repository volume is mounted in the server's container. */
  public static final String REPO_PATH = "/var/lib/pgbackrest";

  /** Where pgBackRest looks for its configuration by default. */
  public static final String CONF_PATH = "/etc/pgbackrest/pgbackrest.conf";

  /** The image's data directory (PGDATA) inside the data volume at /var/lib/postgresql. */
  public static final String PG_PATH = "/var/lib/postgresql/18/docker";

  /** The stack's volume that holds the repository. */
  public static final String VOLUME = "pgbackrest";

  static final String FILE = "pgbackrest.conf";

  private PgBackRestConf() {}

  /**
   * The archive_command: pgBackRest pushes the segment, synchronously (exit 0 only when stored).
   */
  static String archiveCommand() {
    return "pgbackrest --stanza=" + STANZA + " archive-push %p";
  }

  static String render() {
    return """
        # pgBackRest for this stack (generated with --set wal-archive=on; do not edit).
        # The repository is the stack's "pgbackrest" volume; 'aza-pg backup --physical' creates
        # the stanza and takes backups, 'aza-pg restore --physical' restores into a new volume.
        [global]
        repo1-path={repo}
        # two full backups (and the WAL and incremental backups they need) are kept
        repo1-retention-full=2
        compress-type=zst
        # a backup starts with an immediate checkpoint instead of waiting for the next one
        start-fast=y
        # messages go to the server's log (archive-push) or to aza-pg (backup), not to files
        log-level-file=off
        log-level-console=warn

        [{stanza}]
        pg1-path={pg}
        pg1-socket-path=/var/run/postgresql
        """
        .replace("{repo}", REPO_PATH)
        .replace("{stanza}", STANZA)
        .replace("{pg}", PG_PATH);
  }
}
