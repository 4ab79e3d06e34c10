package io.azapg.engine;

/**
 * A named volume or host path mounted into a container.
 *
 * @param source a volume name, or an absolute host path for a bind mount
 * @param target the absolute path inside the container
 * @param readOnly mount read-only
 */
public record VolumeMount(String source, String target, boolean readOnly) {
  public VolumeMount {
    if (source.isBlank() || source.contains(":") || target.contains(":")) {
      throw new IllegalArgumentException("bad mount " + source + " -> " + target);
    }
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("mount target must be absolute: " + target);
    }
  }

  /** The {@code -v} value. */
  String flagValue() {
    return source + ":" + target + (readOnly ? ":ro" : "");
  }
}
