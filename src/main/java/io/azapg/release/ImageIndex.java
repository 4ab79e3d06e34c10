package io.azapg.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI image index: one entry per platform image (by digest) and the release's annotations on the
 * index itself. Rendered with a fixed key order, so the same inputs give the same digest.
 */
public final class ImageIndex {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ImageIndex() {}

  /** The index over these platform images, annotated. */
  public static Manifest of(List<PushedImage> images, Map<String, String> annotations) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", Manifest.OCI_INDEX);
    ArrayNode manifests = root.putArray("manifests");
    for (PushedImage image : images) {
      ObjectNode entry = manifests.addObject();
      entry.put("mediaType", image.manifest().mediaType());
      entry.put("digest", image.digest());
      entry.put("size", image.manifest().bytes().length);
      String[] osArch = image.platform().split("/");
      ObjectNode platform = entry.putObject("platform");
      platform.put("architecture", osArch[1]);
      platform.put("os", osArch[0]);
    }
    ObjectNode notes = root.putObject("annotations");
    new TreeMap<>(annotations).forEach(notes::put);
    try {
      return new Manifest(Manifest.OCI_INDEX, JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new IllegalStateException("cannot render an image index", e);
    }
  }

  /** The annotations of an index read back from a registry. */
  public static Map<String, String> annotations(Manifest index) {
    Map<String, String> result = new TreeMap<>();
    parse(index)
        .path("annotations")
        .fields()
        .forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
    return result;
  }

  /** The {@code os/arch → digest} entries of an index read back from a registry. */
  public static Map<String, String> platforms(Manifest index) {
    Map<String, String> result = new TreeMap<>();
    for (JsonNode entry : parse(index).path("manifests")) {
      JsonNode p = entry.path("platform");
      result.put(
          p.path("os").asText() + "/" + p.path("architecture").asText(),
          entry.path("digest").asText());
    }
    return result;
  }

  private static JsonNode parse(Manifest index) {
    try {
      return JSON.readTree(index.text().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.ENGINE, "the registry returned an index that is not JSON: " + e.getMessage());
    }
  }
}
