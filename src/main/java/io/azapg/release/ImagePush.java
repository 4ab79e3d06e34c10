package io.azapg.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pushes one local image by digest: the engine exports it as a registry would store it, each blob
 * the repository lacks is uploaded, and the manifest is stored under its digest only. No tag is
 * touched here; {@link Tagging} points tags at the digest afterwards.
 */
public final class ImagePush {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ContainerEngine engine;
  private final ProcessRunner runner;
  private final Reporter reporter;

  public ImagePush(ContainerEngine engine, ProcessRunner runner, Reporter reporter) {
    this.engine = engine;
    this.runner = runner;
    this.reporter = reporter;
  }

  /** Pushes {@code localRef} into the registry's repository and returns where it is. */
  public PushedImage push(String localRef, Registry registry) {
    Path dir = tempDirectory();
    try {
      reporter.info("exporting " + localRef + " (layers gzip-compressed)");
      engine.saveImageDirectory(localRef, dir.resolve("image"));
      Path image = dir.resolve("image");
      byte[] raw = Files.readAllBytes(image.resolve("manifest.json"));
      JsonNode manifestJson = JSON.readTree(raw);
      Manifest manifest =
          new Manifest(manifestJson.path("mediaType").asText(Manifest.DOCKER_V2), raw);
      List<JsonNode> blobs = new ArrayList<>();
      blobs.add(manifestJson.path("config"));
      manifestJson.path("layers").forEach(blobs::add);
      long total = raw.length;
      int uploaded = 0;
      for (JsonNode blob : blobs) {
        String digest = blob.path("digest").asText();
        total += blob.path("size").asLong();
        if (registry.hasBlob(digest)) {
          continue;
        }
        reporter.info(
            String.format(
                Locale.ROOT,
                "uploading %s (%.1f MB)",
                digest.substring(0, 19),
                blob.path("size").asLong() / 1e6));
        registry.uploadBlob(digest, image.resolve(digest.substring("sha256:".length())));
        uploaded++;
      }
      String configDigest = manifestJson.path("config").path("digest").asText();
      JsonNode config =
          JSON.readTree(image.resolve(configDigest.substring("sha256:".length())).toFile());
      String platform =
          config.path("os").asText("linux") + "/" + config.path("architecture").asText();
      String digest = registry.putManifest(manifest.digest(), manifest);
      reporter.info(
          "pushed "
              + registry.repository().withDigest(digest)
              + " ("
              + platform
              + ", "
              + uploaded
              + " blob(s) uploaded, "
              + (blobs.size() - uploaded)
              + " already there)");
      return new PushedImage(
          registry.repository(), digest, manifest, platform, configDigest, total);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the export of " + localRef + " in " + dir, e);
    } finally {
      runner.execute(ProcessSpec.of("rm", "-rf", "--one-file-system", dir.toString()).build());
    }
  }

  private static Path tempDirectory() {
    try {
      return Files.createTempDirectory("aza-pg-push-");
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.ENGINE, "cannot create a temporary directory for the export: " + e.getMessage());
    }
  }
}
