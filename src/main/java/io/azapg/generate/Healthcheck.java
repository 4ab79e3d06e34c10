package io.azapg.generate;

import java.util.List;

/**
 * The image's healthcheck command, shared by the Dockerfile's HEALTHCHECK and the compose stacks'
 * healthcheck (which sets its own interval).
 *
 * <p>The engine runs a healthcheck as the container's user, root. setpriv starts the script as
 * postgres (no_new_privs, its own HOME) directly, so the script, which would otherwise start a
 * second bash to drop root itself, runs once: it runs every few seconds in every container
 * (docs/BENCHMARKS.md, "Healthcheck ticker cost").
 */
public final class Healthcheck {
  /** The exec form, without the leading "CMD". */
  public static final List<String> COMMAND =
      List.of(
          "setpriv",
          "--reuid=postgres",
          "--regid=postgres",
          "--init-groups",
          "--no-new-privs",
          "--",
          "env",
          "HOME=/var/lib/postgresql",
          "USER=postgres",
          "LOGNAME=postgres",
          "/usr/local/bin/aza-pg-healthcheck");

  /** Where the Dockerfile's exec form breaks its line: after setpriv's own arguments. */
  static final int LINE_BREAK = 6;

  private Healthcheck() {}
}
