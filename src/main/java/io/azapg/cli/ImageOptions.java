package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.base.BaseImage;
import io.azapg.image.ImageProfile;
import io.azapg.process.ProcessRunner;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the commands that resolve or build the image: profile, catalog, mirror. */
final class ImageOptions {
  @Option(
      names = "--profile",
      defaultValue = "debian",
      description = "debian or pgdg (default: ${DEFAULT-VALUE}).")
  String profile;

  @Mixin CatalogFileOption catalogFile;

  @Option(
      names = "--mirror",
      paramLabel = "URL",
      description = "Debian mirror for the base image (default: the host's apt configuration).")
  String mirror;

  ImageProfile profile() {
    return ImageProfile.parse(profile);
  }

  Catalog catalog() {
    return catalogFile.load();
  }

  /** Makes sure the profile's base image exists, bootstrapping it if needed. */
  void ensureBase(ContainerEngine engine, ProcessRunner runner, Console console) {
    new BaseImage(engine, runner)
        .ensure(profile().suite(), Optional.ofNullable(mirror), console.reporter());
  }
}
