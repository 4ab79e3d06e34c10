package io.azapg.engine.base;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@link BaseImage#ensure} did.
 *
 * @param reference the local image name, {@code localhost/aza-pg-base:<suite>}
 * @param source whether it was already there, pulled, or bootstrapped now
 * @param mirror the Debian mirror it was bootstrapped from (bootstrapped only)
 * @param validUntilCheckOff whether apt in the image skips the Valid-Until check (expired mirror)
 * @param took how long ensuring it took
 */
public record BaseImageResult(
    String reference,
    Source source,
    Optional<String> mirror,
    boolean validUntilCheckOff,
    Duration took) {

  /** Where the base image came from. */
  public enum Source {
    EXISTING,
    PULLED,
    BOOTSTRAPPED
  }
}
