package io.azapg.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this machine exported when it pushed a local image, kept so the same image is pushed again
 * without exporting it again (the export gzips every layer: tens of seconds of CPU for the ~1 GB
 * image, only to learn that the registry has every blob). One file per local image id under {@code
 * $XDG_CACHE_HOME/aza-pg/pushed} (else {@code ~/.cache/aza-pg/pushed}): the manifest exactly as
 * exported, its platform and size, and the repositories it went to. A record is only a shortcut
 * that is checked blob by blob against the registry; a missing or unreadable record means an
 * export, as without records.
 */
public final class PushRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<Path> dir;

  public PushRecords(Optional<Path> dir) {
    this.dir = dir;
  }

  /** Records under the user's cache directory; none when neither variable is set. */
  public static PushRecords fromEnvironment(Map<String, String> env) {
    String cache = env.getOrDefault("XDG_CACHE_HOME", "");
    if (!cache.isBlank()) {
      return new PushRecords(Optional.of(Path.of(cache, "aza-pg", "pushed")));
    }
    String home = env.getOrDefault("HOME", "");
    return new PushRecords(
        home.isBlank()
            ? Optional.empty()
            : Optional.of(Path.of(home, ".cache", "aza-pg", "pushed")));
  }

  /** Records nowhere: every push exports. */
  public static PushRecords none() {
    return new PushRecords(Optional.empty());
  }

  /**
   * An image as exported once: its manifest (whose blobs are gzip-compressed layers), platform,
   * total stored size, and every repository ({@code host/path}) it was pushed to.
   */
  public record Entry(
      String imageId,
      Manifest manifest,
      String platform,
      long compressedBytes,
      List<String> repositories) {
    public Entry {
      repositories = List.copyOf(repositories);
    }

    /** This entry with {@code repository} added to where the image went. */
    public Entry pushedTo(RepositoryName repository) {
      Set<String> all = new LinkedHashSet<>(repositories);
      all.add(repository.toString());
      return new Entry(imageId, manifest, platform, compressedBytes, new ArrayList<>(all));
    }

    /** The config blob and every layer the manifest names. */
    public List<String> blobs() {
      List<String> blobs = new ArrayList<>();
      try {
        JsonNode m = JSON.readTree(manifest.bytes());
        blobs.add(m.path("config").path("digest").asText());
        m.path("layers").forEach(l -> blobs.add(l.path("digest").asText()));
      } catch (IOException e) {
        throw new IllegalStateException("a recorded manifest that does not parse", e);
      }
      return blobs;
    }
  }

  /** The record for a local image id, when one was kept and reads back whole. */
  public Optional<Entry> find(String imageId) {
    Optional<Path> file = file(imageId);
    if (file.isEmpty() || !Files.isRegularFile(file.get())) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(file.get().toFile());
      Manifest manifest =
          new Manifest(
              node.path("mediaType").asText(),
              node.path("manifest").asText().getBytes(StandardCharsets.UTF_8));
      if (!bare(node.path("imageId").asText()).equals(bare(imageId))
          || !manifest.digest().equals(node.path("digest").asText())) {
        return Optional.empty();
      }
      List<String> repositories = new ArrayList<>();
      node.path("repositories").forEach(r -> repositories.add(r.asText()));
      repositories.forEach(RepositoryName::parse);
      Entry entry =
          new Entry(
              imageId,
              manifest,
              node.path("platform").asText(),
              node.path("compressedBytes").asLong(),
              repositories);
      entry.blobs();
      return Optional.of(entry);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Keeps a record (replacing an older one); a record that cannot be written is skipped. */
  public void save(Entry entry) {
    Optional<Path> file = file(entry.imageId());
    if (file.isEmpty()) {
      return;
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("imageId", entry.imageId());
    node.put("digest", entry.manifest().digest());
    node.put("mediaType", entry.manifest().mediaType());
    node.put("manifest", entry.manifest().text());
    node.put("platform", entry.platform());
    node.put("compressedBytes", entry.compressedBytes());
    com.fasterxml.jackson.databind.node.ArrayNode repositories = node.putArray("repositories");
    entry.repositories().forEach(repositories::add);
    try {
      Files.createDirectories(file.get().getParent());
      Path temp = Files.createTempFile(file.get().getParent(), "record-", ".tmp");
      Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
      Files.move(temp, file.get(), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Only a shortcut: the next push of this image exports it again.
    }
  }

  private static String bare(String imageId) {
    return imageId.startsWith("sha256:") ? imageId.substring("sha256:".length()) : imageId;
  }

  private Optional<Path> file(String imageId) {
    String id = bare(imageId);
    if (!id.matches("[0-9a-f]{12,64}")) {
      return Optional.empty();
    }
    return dir.map(d -> d.resolve(id + ".json"));
  }
}
