package io.azapg.engine.setup;

import java.util.Optional;

/**
 * One piece of the container toolchain as {@code aza-pg engine doctor} found it.
 *
 * @param name what was checked ("oci runtime")
 * @param required whether aza-pg needs it (optional pieces only help)
 * @param status present, missing, or not applicable to this engine
 * @param detail what was found (a version, a path) or what is wrong
 * @param fix how to get it when missing
 */
public record DoctorCheck(
    String name, boolean required, Status status, String detail, Optional<String> fix) {

  /** Whether a piece is there. */
  public enum Status {
    PRESENT,
    MISSING,
    NOT_APPLICABLE
  }

  static DoctorCheck present(String name, boolean required, String detail) {
    return new DoctorCheck(name, required, Status.PRESENT, detail, Optional.empty());
  }

  static DoctorCheck missing(String name, boolean required, String detail, String fix) {
    return new DoctorCheck(name, required, Status.MISSING, detail, Optional.of(fix));
  }

  static DoctorCheck notApplicable(String name, String detail) {
    return new DoctorCheck(name, false, Status.NOT_APPLICABLE, detail, Optional.empty());
  }
}
