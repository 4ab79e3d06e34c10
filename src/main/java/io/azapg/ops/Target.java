package io.azapg.ops;

import java.util.Objects;

/**
 * Where a backup is taken from or restored to: a running container of the image (a node or a
 * stack's server), reached over its local socket as {@code postgres}, so no password is needed.
 *
 * @param container the container's name
 * @param database the database used when none is named
 * @param description how messages name it, e.g. {@code node aza-pg}
 */
public record Target(String container, String database, String description) {
  public Target {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(description, "description");
  }
}
