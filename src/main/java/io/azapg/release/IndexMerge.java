package io.azapg.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.catalog.Catalog;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.image.ImageTags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins platform images already in the registry (by digest) into one OCI image index annotated with
 * the release's metadata, points the release tags at it and reads it back. Everything comes from
 * the registry: each image's platform and labels from its config blob.
 */
public final class IndexMerge {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Registry registry;
  private final Reporter reporter;

  public IndexMerge(Registry registry, Reporter reporter) {
    this.registry = registry;
    this.reporter = reporter;
  }

  public Published merge(Catalog catalog, List<String> digests) {
    if (digests.isEmpty()) {
      throw new AzaPgException(ExitCode.INVALID_INPUT, "no platform image digests to merge");
    }
    List<PushedImage> images = new ArrayList<>();
    Map<String, String> labels = Map.of();
    for (String digest : digests) {
      Manifest manifest =
          registry
              .manifest(digest)
              .orElseThrow(
                  () ->
                      new AzaPgException(
                          ExitCode.INVALID_INPUT,
                          registry.repository().withDigest(digest) + " does not exist",
                          List.of(
                              "merge the digests that 'release push' printed, in the same repository")));
      JsonNode config = config(manifest);
      String platform = config.path("os").asText() + "/" + config.path("architecture").asText();
      if (images.stream().anyMatch(i -> i.platform().equals(platform))) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT, "two images for " + platform + " among " + digests);
      }
      images.add(
          new PushedImage(
              registry.repository(),
              digest,
              manifest,
              platform,
              parsed(manifest).path("config").path("digest").asText(),
              manifest.bytes().length));
      if (labels.isEmpty()) {
        Map<String, String> found = new TreeMap<>();
        config
            .path("config")
            .path("Labels")
            .fields()
            .forEachRemaining(e -> found.put(e.getKey(), e.getValue().asText()));
        labels = found;
      }
    }
    Map<String, String> annotations = IndexAnnotations.of(catalog, labels);
    String versionTag = annotations.get(IndexAnnotations.OCI + "version");
    String postgres = annotations.get(IndexAnnotations.CUSTOM + "postgresql.version");
    if (versionTag == null || versionTag.isBlank() || postgres == null || postgres.isBlank()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          digests.get(0) + " has no aza-pg version labels: it was not built by 'aza-pg build'");
    }
    Manifest index = ImageIndex.of(images, annotations);
    registry.putManifest(index.digest(), index);
    List<String> moving = ImageTags.moving(postgres);
    new Tagging(registry, reporter).apply(index, versionTag, moving);
    List<String> tags = new ArrayList<>();
    tags.add(versionTag);
    tags.addAll(moving);
    return new IndexReadBack(registry).verify(tags, index, annotations, images);
  }

  private JsonNode config(Manifest manifest) {
    if (manifest.isIndex()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, manifest.digest() + " is an index, not one platform's image");
    }
    String digest = parsed(manifest).path("config").path("digest").asText();
    try {
      return JSON.readTree(registry.blob(digest));
    } catch (IOException e) {
      throw new AzaPgException(ExitCode.ENGINE, "the config " + digest + " is not JSON");
    }
  }

  private static JsonNode parsed(Manifest manifest) {
    try {
      return JSON.readTree(manifest.bytes());
    } catch (IOException e) {
      throw new AzaPgException(ExitCode.ENGINE, manifest.digest() + " is not JSON");
    }
  }
}
