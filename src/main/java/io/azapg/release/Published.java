package io.azapg.release;

import java.util.List;
import java.util.Map;

/**
 * A published release: the index, its tags and annotations, and the platform images in it.
 *
 * @param repository where it is
 * @param indexDigest the image index's digest
 * @param tags every tag that points at the index, the immutable version tag first
 * @param images the platform images, by digest
 * @param annotations the annotations on the index, as read back from the registry
 */
public record Published(
    RepositoryName repository,
    String indexDigest,
    List<String> tags,
    List<PushedImage> images,
    Map<String, String> annotations) {

  public Published {
    tags = List.copyOf(tags);
    images = List.copyOf(images);
    annotations = Map.copyOf(annotations);
  }
}
