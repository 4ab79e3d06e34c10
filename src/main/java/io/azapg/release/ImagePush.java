package io.azapg.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ImageDetails;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pushes one local image by digest: the engine exports it as a registry would store it, each blob
 * the repository lacks is uploaded, and the manifest is stored under its digest only. No tag is
 * touched here; {@link Tagging} points tags at the digest afterwards.
 *
 * <p>An image this machine exported before ({@link PushRecords}) is not exported again when the
 * registry can have every blob its recorded manifest names without an upload: already in the
 * repository, or mounted from a repository of the same registry it was pushed to. The manifest
 * stored is then the recorded one, byte for byte, so the digest is the one the first push gave.
 */
public final class ImagePush {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ContainerEngine engine;
  private final ProcessRunner runner;
  private final Reporter reporter;
  private final PushRecords records;

  public ImagePush(
      ContainerEngine engine, ProcessRunner runner, Reporter reporter, PushRecords records) {
    this.engine = engine;
    this.runner = runner;
    this.reporter = reporter;
    this.records = records;
  }

  /** Pushes {@code localRef} into the registry's repository and returns where it is. */
  public PushedImage push(String localRef, Registry registry) {
    String imageId = engine.inspectImage(localRef).map(ImageDetails::id).orElse("");
    Optional<PushRecords.Entry> known = records.find(imageId);
    if (known.isPresent()) {
      Optional<PushedImage> again = pushRecorded(known.get(), registry);
      if (again.isPresent()) {
        records.save(known.get().pushedTo(registry.repository()));
        return again.get();
      }
    }
    PushedImage pushed = exportAndPush(localRef, registry);
    PushRecords.Entry entry =
        new PushRecords.Entry(
            imageId,
            pushed.manifest(),
            pushed.platform(),
            pushed.compressedBytes(),
            List.of(registry.repository().toString()));
    if (!imageId.isEmpty()) {
      records.save(
          known
              .filter(k -> k.manifest().equals(pushed.manifest()))
              .map(k -> k.pushedTo(registry.repository()))
              .orElse(entry));
    }
    return pushed;
  }

  /**
   * Stores a recorded manifest when every blob it names is in the repository or can be mounted
   * there; empty (nothing stored) when one would have to be uploaded.
   */
  private Optional<PushedImage> pushRecorded(PushRecords.Entry entry, Registry registry) {
    List<String> blobs = entry.blobs();
    int mounted = 0;
    for (String digest : blobs) {
      if (registry.hasBlob(digest)) {
        continue;
      }
      boolean found = false;
      for (String from : entry.repositories()) {
        if (registry.mountBlob(digest, RepositoryName.parse(from))) {
          found = true;
          mounted++;
          break;
        }
      }
      if (!found) {
        reporter.info(
            "exported before, but "
                + registry.repository()
                + " cannot have "
                + digest.substring(0, 19)
                + " without an upload: exporting again");
        return Optional.empty();
      }
    }
    Manifest manifest = entry.manifest();
    String digest = registry.putManifest(manifest.digest(), manifest);
    reporter.info(
        "pushed "
            + registry.repository().withDigest(digest)
            + " ("
            + entry.platform()
            + ", as exported before: 0 blob(s) uploaded, "
            + mounted
            + " mounted from another repository, "
            + (blobs.size() - mounted)
            + " already there)");
    return Optional.of(
        new PushedImage(
            registry.repository(),
            digest,
            manifest,
            entry.platform(),
            blobs.get(0),
            entry.compressedBytes()));
  }

  private PushedImage exportAndPush(String localRef, Registry registry) {
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
