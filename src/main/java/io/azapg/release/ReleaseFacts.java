package io.azapg.release;

import java.util.List;
import java.util.Map;

/**
 * What a published release is, as the registry shows it.
 *
 * @param repository where it is
 * @param indexDigest the image index's digest
 * @param tags the release tags, the immutable version tag first
 * @param platforms {@code os/arch} → compressed bytes of that platform's image
 * @param annotations the index's annotations
 */
public record ReleaseFacts(
    RepositoryName repository,
    String indexDigest,
    List<String> tags,
    Map<String, Long> platforms,
    Map<String, String> annotations) {

  public ReleaseFacts {
    tags = List.copyOf(tags);
    platforms = Map.copyOf(platforms);
    annotations = Map.copyOf(annotations);
  }

  /** Reads a published release from its registry. */
  public static ReleaseFacts read(Registry registry, String tag) {
    Manifest index =
        registry
            .manifest(tag)
            .orElseThrow(
                () ->
                    new io.azapg.common.AzaPgException(
                        io.azapg.common.ExitCode.INVALID_INPUT,
                        registry.repository().withTag(tag) + " does not exist",
                        List.of(
                            "publish first: aza-pg release publish --to "
                                + registry.repository())));
    if (!index.isIndex()) {
      throw new io.azapg.common.AzaPgException(
          io.azapg.common.ExitCode.INVALID_INPUT,
          registry.repository().withTag(tag) + " is one image, not a release index",
          List.of("'aza-pg release publish' makes the index the notes describe"));
    }
    Map<String, String> annotations = ImageIndex.annotations(index);
    Map<String, Long> platforms = new java.util.TreeMap<>();
    ImageIndex.platforms(index)
        .forEach(
            (platform, digest) -> platforms.put(platform, ImageSizes.compressed(registry, digest)));
    String version = annotations.getOrDefault(IndexAnnotations.OCI + "version", tag);
    String postgres = annotations.getOrDefault(IndexAnnotations.CUSTOM + "postgresql.version", "");
    List<String> tags = new java.util.ArrayList<>();
    tags.add(version);
    tags.addAll(io.azapg.image.ImageTags.moving(postgres));
    return new ReleaseFacts(registry.repository(), index.digest(), tags, platforms, annotations);
  }
}
