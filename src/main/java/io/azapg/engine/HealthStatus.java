package io.azapg.engine;

import java.util.Locale;
import java.util.Optional;

/** The health of a container that has a healthcheck, as docker and podman report it. */
public enum HealthStatus {
  STARTING,
  HEALTHY,
  UNHEALTHY;

  /** Parses the engine's word for it; empty for "" or "none" (no healthcheck). */
  public static Optional<HealthStatus> parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "starting" -> Optional.of(STARTING);
      case "healthy" -> Optional.of(HEALTHY);
      case "unhealthy" -> Optional.of(UNHEALTHY);
      default -> Optional.empty();
    };
  }

  /** The engine's lower-case word. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
