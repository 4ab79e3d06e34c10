package io.azapg.image;

import io.azapg.common.Sha256;
import io.azapg.engine.ImageDetails;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One digest over everything a build consumes: every file of the staged context (path, executable
 * bit, content; the Dockerfile before its label stamp) and the values passed beside it (the base by
 * digest, the snapshot URL, the platform). The image carries it as the {@value #LABEL} label.
 *
 * <p>Why: with nothing changed, Buildah still checks its cache step by step, hashing every {@code
 * COPY} source again, which costs about 17 s for this image on two cores, on every {@code aza-pg
 * up}. When the image under the build's first tag already carries the same digest, that work cannot
 * produce anything new and the build is skipped. Anything that could change the image changes a
 * staged file or one of those values, and so the digest.
 */
final class BuildInputs {
  /** The image label that holds the digest. */
  static final String LABEL = "io.aza-pg.build.inputs";

  private BuildInputs() {}

  /** {@code sha256:<hex>} over the context directory and {@code values}, in a stable order. */
  static String digest(Path context, List<String> values) {
    MessageDigest sha = Sha256.digest();
    try (Stream<Path> walk = Files.walk(context)) {
      for (Path p : walk.sorted().toList()) {
        String rel = context.relativize(p).toString().replace('\\', '/');
        if (Files.isSymbolicLink(p)) {
          field(sha, "link " + rel + " -> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          field(sha, (Files.isExecutable(p) ? "exec " : "file ") + rel + " " + Files.size(p));
          Sha256.update(sha, p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          field(sha, "dir " + rel);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the build context " + context, e);
    }
    for (String v : values) {
      field(sha, "value " + v);
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  /**
   * Whether {@code existing} (the image under the build's first tag, if any) was built from exactly
   * these inputs, so building again would only reproduce it.
   */
  static boolean upToDate(Optional<ImageDetails> existing, String digest, boolean noCache) {
    return !noCache && existing.map(d -> digest.equals(d.labels().get(LABEL))).orElse(false);
  }

  private static void field(MessageDigest sha, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
    sha.update(bytes);
  }
}
