package io.azapg.ops;

import java.util.Objects;

/**
 * Where a backup is taken from or restored to: a running container of the image (a node, a stack's
 * server, or a client container for a server named by {@code PG*} variables), in which the client
 * programs run as {@code postgres}.
 *
 * @param container the container's name
 * @param database the database used when none is named
 * @param description how messages name it, e.g. {@code node aza-pg}
 * @param unansweredFix what to check when the database does not answer
 */
public record Target(String container, String database, String description, String unansweredFix) {
  public Target {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(unansweredFix, "unansweredFix");
  }

  /** A node or stack container, reached over its local socket. */
  public Target(String container, String database, String description) {
    this(container, database, description, "check the database name (--db) and './aza-pg status'");
  }
}
