package io.azapg.image;

import io.azapg.engine.base.BaseImage;
import java.util.Locale;

/**
 * Where the packages come from: the Debian suite that ships PostgreSQL 18 (forky), Debian's own
 * packages. (A profile on the PostgreSQL project's apt repository is not offered: it cannot be
 * built or verified where this image is made, see the README.)
 */
public enum ImageProfile {
  DEBIAN(BaseImage.DEFAULT_SUITE, "image/Dockerfile", "image/packages.lock");

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

  /** The base image reference for this profile ({@code AZA_PG_BASE_REPOSITORY} aware). */
  public String baseImage() {
    return BaseImage.reference(suite);
  }
}
