package io.azapg.engine.setup;

import java.util.List;

/**
 * Everything {@code aza-pg engine doctor} checked.
 *
 * @param engine the engine found ("podman", "docker", or "none")
 * @param checks one entry per piece, in a stable order
 */
public record DoctorReport(String engine, List<DoctorCheck> checks) {
  public DoctorReport {
    checks = List.copyOf(checks);
  }

  /** True when no required piece is missing. */
  public boolean healthy() {
    return checks.stream().noneMatch(c -> c.required() && c.status() == DoctorCheck.Status.MISSING);
  }
}
