package io.azapg.release;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads a published index back from the registry and checks it is what was meant: every tag
 * resolves to it, it carries the annotations and one entry per platform, and each platform image is
 * there.
 */
final class IndexReadBack {
  private final Registry registry;

  IndexReadBack(Registry registry) {
    this.registry = registry;
  }

  Published verify(
      List<String> tags,
      Manifest index,
      Map<String, String> annotations,
      List<PushedImage> images) {
    List<String> problems = new ArrayList<>();
    if (tags.isEmpty()) {
      problems.add("no tag to read the index back from");
    }
    @Nullable Manifest read = null;
    for (String tag : tags) {
      Manifest m = registry.manifest(tag).orElse(null);
      if (m == null) {
        problems.add(tag + ": missing");
      } else if (!m.digest().equals(index.digest())) {
        problems.add(tag + ": is " + m.digest() + ", not the index " + index.digest());
      } else {
        read = m;
      }
    }
    if (read != null) {
      if (!read.mediaType().equals(Manifest.OCI_INDEX)) {
        problems.add("served as " + read.mediaType() + ", not " + Manifest.OCI_INDEX);
      }
      Map<String, String> got = ImageIndex.annotations(read);
      if (!got.equals(new TreeMap<>(annotations))) {
        problems.add("annotations differ: wrote " + new TreeMap<>(annotations) + ", read " + got);
      }
      Map<String, String> expected = new TreeMap<>();
      images.forEach(i -> expected.put(i.platform(), i.digest()));
      if (!ImageIndex.platforms(read).equals(expected)) {
        problems.add(
            "platforms differ: wrote " + expected + ", read " + ImageIndex.platforms(read));
      }
    }
    for (PushedImage image : images) {
      if (registry.manifest(image.digest()).isEmpty()) {
        problems.add(image.platform() + " image " + image.digest() + ": missing");
      }
    }
    if (!problems.isEmpty()) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED,
          "the index read back from "
              + registry.repository()
              + " is not what was published: "
              + String.join("; ", problems),
          List.of("check the registry supports OCI image indexes (OCI distribution 1.0)"));
    }
    return new Published(
        registry.repository(), index.digest(), tags, images, new TreeMap<>(annotations));
  }
}
