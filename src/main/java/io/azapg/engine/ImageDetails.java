package io.azapg.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An image's identity and labels from {@code image inspect}, plus the raw JSON for anything else.
 *
 * @param id the image id
 * @param tags its repository tags
 * @param labels its labels, sorted by key
 * @param sizeBytes its size as the engine reports it
 * @param raw the engine's whole inspect object for this image
 */
public record ImageDetails(
    String id, List<String> tags, Map<String, String> labels, long sizeBytes, JsonNode raw) {

  public ImageDetails {
    tags = List.copyOf(tags);
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /**
   * This image by digest under the given repository ({@code repo@sha256:...}): the engine's
   * recorded digest for that repository (podman records one for every local image, imported ones
   * too); empty when the engine keeps none (docker, for an image that was never pushed or pulled).
   */
  public Optional<String> digestReference(String repository) {
    for (JsonNode node : raw.path("RepoDigests")) {
      String ref = node.asText();
      if (ref.startsWith(repository + "@sha256:")) {
        return Optional.of(ref);
      }
    }
    String digest = raw.path("Digest").asText("");
    return digest.startsWith("sha256:") ? Optional.of(repository + "@" + digest) : Optional.empty();
  }

  static ImageDetails fromInspect(JsonNode image) {
    List<String> tags = new ArrayList<>();
    image.path("RepoTags").forEach(tag -> tags.add(tag.asText()));
    // Docker keeps labels under Config; podman also copies them to a top-level "Labels".
    JsonNode labelNode = image.path("Config").path("Labels");
    if (!labelNode.isObject()) {
      labelNode = image.path("Labels");
    }
    Map<String, String> labels = new TreeMap<>();
    labelNode.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return new ImageDetails(
        image.path("Id").asText(""), tags, labels, image.path("Size").asLong(0), image);
  }
}
