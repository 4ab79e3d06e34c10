package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import io.azapg.common.AzaPgException;
import io.azapg.common.Reporter;
import io.azapg.engine.base.BaseImage;
import io.azapg.engine.base.SnapshotMarking;
import io.azapg.generate.LockedInstall;
import io.azapg.image.ImageFiles;
import io.azapg.image.ImageProfile;
import io.azapg.image.ImageTags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the project tree is (the launcher exports {@code AZA_PG_HOME}; otherwise the working
 * directory) and which catalog the commands read.
 */
final class Project {
  private Project() {}

  /** The project root: {@code AZA_PG_HOME} when set, else the working directory. */
  static Path root() {
    String home = System.getenv("AZA_PG_HOME");
    return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }

  /**
   * The image repository commands build into and run from: {@code AZA_PG_REPOSITORY} when set (a CI
   * job or a second checkout keeps its images apart this way), else {@value
   * ImageTags#DEFAULT_REPOSITORY}.
   */
  static String repository() {
    String repo = System.getenv("AZA_PG_REPOSITORY");
    return repo == null || repo.isBlank() ? ImageTags.DEFAULT_REPOSITORY : repo.strip();
  }

  /**
   * The repository of the base image: {@code AZA_PG_BASE_REPOSITORY} when set (to bootstrap and
   * build from a base of one's own without touching a shared one), else {@value
   * BaseImage#DEFAULT_REPOSITORY}.
   */
  static String baseRepository() {
    String repo = System.getenv("AZA_PG_BASE_REPOSITORY");
    return repo == null || repo.isBlank() ? BaseImage.DEFAULT_REPOSITORY : repo.strip();
  }

  /**
   * The snapshot service a build fetches pinned versions from when the mirror no longer has them:
   * {@code AZA_PG_SNAPSHOT_URL} when set, else {@value LockedInstall#DEFAULT_SNAPSHOT_URL}.
   */
  static String snapshotUrl() {
    String url = System.getenv(LockedInstall.SNAPSHOT_URL_ARG);
    return url == null || url.isBlank() ? LockedInstall.DEFAULT_SNAPSHOT_URL : url.strip();
  }

  /**
   * The snapshot marking the committed lock gives a mirror of the suite: the Release Date it was
   * resolved against. An unreadable lock gives none (and says so): bootstrapping a base must not
   * depend on it.
   */
  static SnapshotMarking lockMarking(String suite, Reporter reporter) {
    ImageProfile profile = ImageProfile.DEBIAN;
    try {
      return ImageFiles.readLock(root(), profile)
          .flatMap(lock -> lock.archive(suite))
          .map(a -> SnapshotMarking.none().withLock(a.releaseDate(), profile.lockFile()))
          .orElse(SnapshotMarking.none());
    } catch (AzaPgException e) {
      reporter.warn(
          "cannot read "
              + profile.lockFile()
              + " ("
              + e.getMessage()
              + "): it marks no mirror as a snapshot");
      return SnapshotMarking.none();
    }
  }

  /** The CLI jar the launcher built (it goes into the image). */
  static Path jar() {
    return root().resolve("target/aza-pg.jar");
  }

  /** The project's catalog file, when there is one. */
  static Optional<Path> catalogFile() {
    Path file = root().resolve("catalog/extensions.json");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** Loads the given catalog file, the project's, or the one bundled in the jar, in that order. */
  static Catalog loadCatalog(@Nullable Path explicit) {
    CatalogLoader loader = new CatalogLoader();
    if (explicit != null) {
      return loader.load(explicit);
    }
    return catalogFile().map(loader::load).orElseGet(loader::loadBundled);
  }
}
