package io.azapg.image;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.util.List;
import java.util.Locale;

/**
 * Where the packages come from. {@code debian}: the Debian suite that ships PostgreSQL 18 (forky),
 * Debian's own packages. {@code pgdg}: a stable Debian suite plus the PostgreSQL project's apt
 * repository, with the same package names.
 */
public enum ImageProfile {
  DEBIAN("forky", "image/Dockerfile", "image/packages.lock"),
  PGDG("trixie", "image/Dockerfile.pgdg", "image/packages-pgdg.lock");

  private final String suite;
  private final String dockerfile;
  private final String lockFile;

  ImageProfile(String suite, String dockerfile, String lockFile) {
    this.suite = suite;
    this.dockerfile = dockerfile;
    this.lockFile = lockFile;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The Debian suite of the base image. */
  public String suite() {
    return suite;
  }

  /** The generated Dockerfile, relative to the project root. */
  public String dockerfile() {
    return dockerfile;
  }

  /** The committed lock file, relative to the project root. */
  public String lockFile() {
    return lockFile;
  }

  /** The base image reference for this profile. */
  public String baseImage() {
    return "localhost/aza-pg-base:" + suite;
  }

  public static ImageProfile parse(String text) {
    for (ImageProfile p : values()) {
      if (p.id().equals(text)) {
        return p;
      }
    }
    throw new AzaPgException(
        ExitCode.INVALID_INPUT,
        "unknown profile \"" + text + "\"",
        List.of("use --profile debian (Debian forky packages) or --profile pgdg"));
  }
}
