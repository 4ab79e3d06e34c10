package io.azapg.release;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import java.util.List;
import java.util.Optional;

/**
 * Points tags at a pushed manifest, in the registry (the manifest bytes are stored under each tag,
 * so every tag resolves to the same digest). The version tag is immutable: it is written only when
 * the registry does not have it or has it at this very digest, and never for a build of a dirty
 * working tree unless the caller allows it.
 */
public final class Tagging {
  private final Registry registry;
  private final Reporter reporter;

  public Tagging(Registry registry, Reporter reporter) {
    this.registry = registry;
    this.reporter = reporter;
  }

  /**
   * Refuses a build of uncommitted changes: its version tag would name a commit that does not hold
   * what the image holds.
   */
  public static void requireCommitted(String revision, boolean allowDirty, String versionTag) {
    if (revision.endsWith("-dirty") && !allowDirty) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED,
          "refusing to push the immutable tag "
              + versionTag
              + ": the working tree has uncommitted changes (revision "
              + revision
              + ")",
          List.of(
              "commit (or stash) the changes and build again",
              "or pass --allow-dirty to push anyway (the image's revision label says -dirty)"));
    }
  }

  /** Checks the version tag, then writes it and every moving tag. */
  public void apply(Manifest manifest, String versionTag, List<String> movingTags) {
    Optional<Manifest> existing = registry.manifest(versionTag);
    if (existing.isPresent() && !existing.get().digest().equals(manifest.digest())) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED,
          "refusing to move the immutable tag "
              + registry.repository().withTag(versionTag)
              + ": it is "
              + existing.get().digest()
              + ", this image is "
              + manifest.digest(),
          List.of(
              "a version tag names one image forever; commit a change (the tag carries the commit"
                  + " time) and build again",
              "the image was pushed by digest all the same: "
                  + registry.repository().withDigest(manifest.digest())));
    }
    if (existing.isEmpty()) {
      registry.putManifest(versionTag, manifest);
    }
    for (String tag : movingTags) {
      registry.putManifest(tag, manifest);
    }
    reporter.info(
        "tagged "
            + registry.repository().withDigest(manifest.digest())
            + " as "
            + String.join(", ", prepend(versionTag, movingTags)));
  }

  private static List<String> prepend(String first, List<String> rest) {
    java.util.ArrayList<String> all = new java.util.ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
