package io.azapg.tune;

import java.util.Objects;

/**
 * A tuning input together with where it came from ({@code --memory}, {@code POSTGRES_MEMORY},
 * {@code cgroup v2 memory.max}, {@code default}), so reports can say why a value was used.
 *
 * @param <T> the value's type
 */
public record Sourced<T>(T value, String source) {
  public Sourced {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
  }

  public static <T> Sourced<T> of(T value, String source) {
    return new Sourced<>(value, source);
  }

  /** "2 GiB (--memory)". */
  @Override
  public String toString() {
    return value + " (" + source + ")";
  }
}
