package io.azapg.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;

/** Sizes of an image as its registry stores it. */
final class ImageSizes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ImageSizes() {}

  /** Config plus layers, compressed: what a pull downloads. */
  static long compressed(Registry registry, String digest) {
    Manifest m =
        registry
            .manifest(digest)
            .orElseThrow(() -> new AzaPgException(ExitCode.ENGINE, digest + " is missing"));
    try {
      JsonNode json = JSON.readTree(m.bytes());
      long total = json.path("config").path("size").asLong();
      for (JsonNode layer : json.path("layers")) {
        total += layer.path("size").asLong();
      }
      return total;
    } catch (IOException e) {
      throw new AzaPgException(ExitCode.ENGINE, digest + " is not JSON");
    }
  }
}
