package io.azapg.cli;

import io.azapg.catalog.Catalog;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code --catalog FILE} option of the commands that read the catalog. */
final class CatalogFileOption {
  @Option(
      names = "--catalog",
      paramLabel = "FILE",
      description = "Catalog file to read (default: the project's).")
  @Nullable Path file;

  Catalog load() {
    return Project.loadCatalog(file);
  }
}
