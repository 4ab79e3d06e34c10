package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;

/**
 * Who the runtime's children run as, decided from the process's own uid and the passwd file: the
 * official image's rules, with setpriv instead of gosu.
 *
 * <ul>
 *   <li>root: fix ownership of the directories, run every child as {@code postgres} through {@code
 *       setpriv}; the entrypoint script drops to {@code postgres} the same way before it execs the
 *       server.
 *   <li>any other uid ({@code --user}): no chown; children run as that uid; when the uid has no
 *       passwd entry, initdb runs under nss_wrapper with a passwd line made for it.
 * </ul>
 *
 * @param chown whether to fix ownership (only root can)
 * @param prefix argv prepended to every child (setpriv for root, else empty)
 * @param uid the uid children run as
 * @param gid the gid children run as
 * @param home the home directory children get in HOME
 * @param nssWrapper whether initdb needs nss_wrapper (no passwd entry for the uid)
 */
public record Privileges(
    boolean chown, List<String> prefix, int uid, int gid, String home, boolean nssWrapper) {

  /** The image's server user. */
  public static final String SERVER_USER = "postgres";

  public Privileges {
    prefix = List.copyOf(prefix);
  }

  /** Decides from the current uid/gid and the passwd file's text. */
  static Privileges decide(int uid, int gid, String passwdText) {
    Passwd passwd = Passwd.parse(passwdText);
    if (uid == 0) {
      Passwd.User postgres =
          passwd
              .byName(SERVER_USER)
              .orElseThrow(
                  () ->
                      new AzaPgException(
                          ExitCode.INTERNAL,
                          "the image has no '" + SERVER_USER + "' user in /etc/passwd"));
      return new Privileges(
          true,
          List.of("setpriv", "--reuid", SERVER_USER, "--regid", SERVER_USER, "--init-groups", "--"),
          postgres.uid(),
          postgres.gid(),
          postgres.home(),
          false);
    }
    return passwd
        .byUid(uid)
        .map(u -> new Privileges(false, List.of(), uid, gid, u.home(), false))
        .orElseGet(() -> new Privileges(false, List.of(), uid, gid, "/var/lib/postgresql", true));
  }

  /** The argv with the privilege prefix in front. */
  public List<String> wrap(List<String> argv) {
    if (prefix.isEmpty()) {
      return argv;
    }
    List<String> all = new java.util.ArrayList<>(prefix);
    all.addAll(argv);
    return List.copyOf(all);
  }
}
