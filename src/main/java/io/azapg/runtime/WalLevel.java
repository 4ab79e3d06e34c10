package io.azapg.runtime;

import java.util.Locale;

/** The {@code wal_level} the image sets from {@code POSTGRES_WAL_LEVEL}. */
public enum WalLevel {
  MINIMAL,
  REPLICA,
  LOGICAL;

  /** The setting's value as PostgreSQL spells it. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
