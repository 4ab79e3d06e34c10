package io.azapg.runtime;

import java.util.Locale;

/** What the server is in a replication set-up ({@code POSTGRES_ROLE}); read by the healthcheck. */
public enum ServerRole {
  PRIMARY,
  REPLICA;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
