package io.azapg.runtime;

/**
 * A secret value (a password). Its {@link #toString()} never shows the value, so it cannot leak
 * into a log line or an exception message by accident.
 */
public final class Secret {
  private final String value;

  public Secret(String value) {
    this.value = java.util.Objects.requireNonNull(value);
  }

  /** The plain value; call only where it is handed to its one consumer. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
