package io.azapg.release;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.Counts;
import java.util.Map;
import java.util.TreeMap;

/**
 * The annotations on the published image index (registries show the index's, not an image's): the
 * standard {@code org.opencontainers.image.*} keys and aza-pg's counts. Title, source, licences and
 * base name are the image's own labels, so the index and the image agree.
 */
public final class IndexAnnotations {
  static final String OCI = "org.opencontainers.image.";
  static final String CUSTOM = "io.aza-pg.";

  private IndexAnnotations() {}

  /**
   * The index annotations of a release whose first platform image carries these labels (the labels
   * aza-pg build sets: version, revision, created, source, licences, base).
   */
  public static Map<String, String> of(Catalog catalog, Map<String, String> imageLabels) {
    String postgresVersion = imageLabels.getOrDefault(CUSTOM + "postgresql.version", "");
    String versionTag = imageLabels.getOrDefault(OCI + "version", "");
    String revision = imageLabels.getOrDefault(OCI + "revision", "unknown");
    String created = imageLabels.getOrDefault(OCI + "created", "");
    String baseDigest = imageLabels.getOrDefault(OCI + "base.digest", "unknown");
    Counts counts = catalog.derived().counts();
    String source = imageLabels.getOrDefault(OCI + "source", "");
    Map<String, String> a = new TreeMap<>();
    a.put(OCI + "title", "aza-pg Single-Node PostgreSQL " + postgresVersion);
    a.put(
        OCI + "description",
        "PostgreSQL "
            + postgresVersion
            + " with "
            + counts.enabled()
            + " extensions ("
            + counts.thirdPartyEnabled()
            + " third-party, "
            + (counts.enabled() - counts.thirdPartyEnabled())
            + " built-in), tuned to its container at every start - Single-Node");
    a.put(OCI + "vendor", "aza-pg");
    a.put(OCI + "version", versionTag);
    a.put(OCI + "revision", revision);
    a.put(OCI + "created", created);
    a.put(OCI + "source", source);
    a.put(OCI + "url", source);
    a.put(OCI + "documentation", source + "/blob/main/README.md");
    a.put(OCI + "licenses", imageLabels.getOrDefault(OCI + "licenses", ""));
    a.put(OCI + "base.name", imageLabels.getOrDefault(OCI + "base.name", ""));
    a.put(
        OCI + "base.digest",
        baseDigest.matches("[0-9a-f]{64}") ? "sha256:" + baseDigest : baseDigest);
    a.put(CUSTOM + "postgresql.version", postgresVersion);
    a.put(CUSTOM + "build.type", "single-node");
    a.put(CUSTOM + "extensions.enabled", Integer.toString(counts.enabled()));
    a.put(CUSTOM + "extensions.total", Integer.toString(counts.total()));
    a.put(CUSTOM + "extensions.third-party", Integer.toString(counts.thirdPartyEnabled()));
    a.put(CUSTOM + "extensions.preloaded", Integer.toString(counts.defaultPreloaded()));
    return a;
  }
}
