package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The only part of the start that runs as root, as in the official image before its {@code gosu}
 * re-exec: validate the environment, read the secret files (often root-only), create the data, WAL
 * and socket directories and hand them to the server user. It never reads or writes a file inside
 * them: everything else (initdb, the config edits, the init) runs as the server user, so a hostile
 * volume (links to {@code /etc/shadow}, {@code /root}, ...) cannot make root read or write outside
 * it. A link in the path to those directories is refused unless only root could have made it
 * ({@link TrustedPath}); the ownership walk never follows a link.
 */
public final class RootPreparation {
  private final Env env;
  private final SystemPaths paths;

  public RootPreparation(Env env, SystemPaths paths) {
    this.env = env;
    this.paths = paths;
  }

  /**
   * Prepares the directories and returns the secret values for the unprivileged step ({@link
   * SecretHandoff}).
   */
  public String run() {
    StartupConfig cfg = StartupConfigParser.parse(env);
    boolean standby = StandbyConfig.parse(env, cfg).isPresent();
    StackRoles.parse(env);
    Passwd.User server =
        Passwd.parse(SystemPaths.readOrEmpty(paths.passwd()))
            .byName(Privileges.SERVER_USER)
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.INTERNAL,
                        "the image has no '" + Privileges.SERVER_USER + "' user in /etc/passwd"));
    // A data directory this server cannot use is refused before root creates or takes over
    // anything in it (a newer major's cluster, files that are no cluster).
    TrustedPath.check(cfg.pgdata(), "PGDATA");
    ClusterCheck.refuseForeign(cfg.pgdata(), standby);
    hand(cfg.pgdata(), "PGDATA", 0700, server);
    Optional<Path> waldir = cfg.waldir();
    if (waldir.isPresent()) {
      hand(waldir.get(), "POSTGRES_INITDB_WALDIR", 0700, server);
    }
    hand(paths.socketDir(), "the socket directory", 03775, server);
    return SecretHandoff.encode(SecretHandoff.resolve(env));
  }

  /** Creates the directory if needed, gives the server user every entry it does not own yet. */
  private static void hand(Path dir, String variable, int mode, Passwd.User server) {
    TrustedPath.check(dir, variable);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot create " + variable + " directory " + dir + " (" + e.getMessage() + ")",
          List.of("the volume must be writable by root in the container, or already hold it"));
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          variable + "=" + dir + " is not a directory",
          List.of("remove what is there, or point " + variable + " at a directory"));
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.forEach(p -> own(p, server));
    } catch (IOException | UncheckedIOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot hand " + dir + " to the server user: " + e.getMessage(),
          List.of(
              "the volume must allow chown by root in the container (not a rootless or"
                  + " squashed NFS mount), or already belong to uid "
                  + server.uid()));
    }
    try {
      Files.setAttribute(dir, "unix:mode", mode);
    } catch (IOException | UnsupportedOperationException e) {
      // like the official image's `chmod ... || :`; the server checks the data directory's mode
    }
  }

  private static void own(Path p, Passwd.User server) {
    try {
      int uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      if (uid != server.uid()) {
        Files.setAttribute(p, "unix:uid", server.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", server.gid(), LinkOption.NOFOLLOW_LINKS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
