package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import io.azapg.image.ImageTags;
import java.nio.file.Files;
import java.nio.file.Path;

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

  /** The CLI jar the launcher built (it goes into the image). */
  static Path jar() {
    return root().resolve("target/aza-pg.jar");
  }

  /** The project's catalog file when there is one, else null. */
  static Path catalogFile() {
    Path file = root().resolve("catalog/extensions.json");
    return Files.isRegularFile(file) ? file : null;
  }

  /** Loads the given catalog file, the project's, or the one bundled in the jar, in that order. */
  static Catalog loadCatalog(Path explicit) {
    CatalogLoader loader = new CatalogLoader();
    if (explicit != null) {
      return loader.load(explicit);
    }
    Path file = catalogFile();
    return file != null ? loader.load(file) : loader.loadBundled();
  }
}
