package io.azapg.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What sort of thing a catalog entry is, which decides how it is used. */
public enum Kind {
  /** Third-party, used through CREATE EXTENSION. */
  EXTENSION,
  /** A library with no CREATE EXTENSION, used through shared_preload_libraries. */
  MODULE,
  /** No CREATE EXTENSION: an output plugin or a command-line tool. */
  TOOL,
  /** Ships with PostgreSQL (contrib or core) and is used through CREATE EXTENSION. */
  BUILTIN;

  @JsonValue
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether entries of this kind are created with CREATE EXTENSION. */
  public boolean createsExtension() {
    return this == EXTENSION || this == BUILTIN;
  }
}
