package io.azapg.generate;

import java.util.List;

/**
 * The image's healthcheck command, shared by the Dockerfile's HEALTHCHECK and the compose stacks'
 * healthcheck (which sets its own interval).
 *
 * <p>The engine runs a healthcheck as the container's user: root by default, but any uid under
 * {@code --user} (the official image's arbitrary-user contract). So the command is the script
 * alone; run as root, it starts itself again as postgres through setpriv (no_new_privs, its own
 * HOME) before it reads anything in PGDATA. An exec form that started with setpriv would fail for
 * every other user ({@code setresuid: Operation not permitted}), and the container would never
 * become healthy.
 */
public final class Healthcheck {
  /** The exec form, without the leading "CMD". */
  public static final List<String> COMMAND = List.of("/usr/local/bin/aza-pg-healthcheck");

  private Healthcheck() {}
}
