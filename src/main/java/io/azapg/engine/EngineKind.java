package io.azapg.engine;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;
import java.util.Locale;

/** The container engines aza-pg drives through their command-line clients. */
public enum EngineKind {
  PODMAN("podman"),
  DOCKER("docker");

  private final String executable;

  EngineKind(String executable) {
    this.executable = executable;
  }

  /** The client program, looked up on PATH. */
  public String executable() {
    return executable;
  }

  /** Parses "podman" or "docker" (any case). */
  public static EngineKind parse(String name) {
    for (EngineKind kind : values()) {
      if (kind.executable.equals(name.trim().toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new AzaPgException(
        ExitCode.INVALID_INPUT,
        "unknown container engine '" + name + "'",
        List.of("choose podman or docker (or leave it unset to detect one)"));
  }
}
