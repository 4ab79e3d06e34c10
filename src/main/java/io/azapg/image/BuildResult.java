package io.azapg.image;

import java.time.Duration;
import java.util.List;

/**
 * A finished build.
 *
 * @param tags every tag the image got, immutable first
 * @param imageId the image id
 * @param sizeBytes uncompressed size as the engine reports it
 * @param took wall time of the build
 * @param revision the commit it was built from, with {@code -dirty} for uncommitted changes
 * @param postgresVersion the PostgreSQL version in it, e.g. {@code 18.6}
 * @param rebuilt false when the image under the first tag already carried these build inputs
 *     ({@link BuildInputs}) and the engine was not asked to build
 */
public record BuildResult(
    List<String> tags,
    String imageId,
    long sizeBytes,
    Duration took,
    String revision,
    String postgresVersion,
    boolean rebuilt) {
  public BuildResult {
    tags = List.copyOf(tags);
  }
}
