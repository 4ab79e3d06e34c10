package io.azapg.runtime;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;

/**
 * Who the preparation and its children run as. Never root: as root, the entrypoint runs only {@link
 * RootPreparation} (directories and ownership, secret files), then starts the preparation as {@code
 * postgres} through {@code setpriv}, the way the official image re-executes itself with {@code
 * gosu}. Any other uid ({@code --user}) runs everything itself; when the uid has no passwd entry,
 * initdb runs under nss_wrapper with a passwd line made for it.
 *
 * @param uid the uid children run as (this process's own)
 * @param gid the gid children run as
 * @param home the home directory children get in HOME
 * @param nssWrapper whether initdb needs nss_wrapper (no passwd entry for the uid)
 */
public record Privileges(int uid, int gid, String home, boolean nssWrapper) {

  /** The image's server user. */
  public static final String SERVER_USER = "postgres";

  /** The home of a uid without a passwd entry (the volume, as for the image's postgres user). */
  static final String DEFAULT_HOME = "/var/lib/postgresql";

  /** Decides from the current uid/gid and the passwd file's text. */
  static Privileges decide(int uid, int gid, String passwdText) {
    if (uid == 0) {
      throw new AzaPgException(
          ExitCode.INTERNAL,
          "aza-pg runtime prepare runs as the server user, not root",
          List.of(
              "the image's entrypoint runs 'aza-pg runtime prepare-root' as root and then this"
                  + " step as postgres; run the entrypoint, not this step, as root"));
    }
    return Passwd.parse(passwdText)
        .byUid(uid)
        .map(u -> new Privileges(uid, gid, u.home(), false))
        .orElseGet(() -> new Privileges(uid, gid, DEFAULT_HOME, true));
  }
}
