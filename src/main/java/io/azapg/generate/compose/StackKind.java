package io.azapg.generate.compose;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;
import java.util.Locale;

/** The three stacks aza-pg renders and runs. */
public enum StackKind {
  /** PostgreSQL behind PgBouncer, with the postgres and pgbouncer exporters. */
  PRIMARY,
  /** A streaming replica of a primary stack, with its exporter, on the primary's network. */
  REPLICA,
  /** PostgreSQL and its exporter, no pooler, no replication needed. */
  SINGLE;

  /** {@code primary}, {@code replica} or {@code single}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The default Compose project name: {@code aza-pg-primary}, ... */
  public String defaultProject() {
    return "aza-pg-" + id();
  }

  /** Parses a stack name, naming the valid ones when it is not one. */
  public static StackKind parse(String text, String source) {
    for (StackKind k : values()) {
      if (k.id().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new AzaPgException(
        ExitCode.INVALID_INPUT,
        source + " \"" + text + "\" is not a stack",
        List.of("use primary, replica or single"));
  }
}
