package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.base.BaseImage;
import io.azapg.image.ImageProfile;
import io.azapg.image.Platforms;
import io.azapg.process.ProcessRunner;
import picocli.CommandLine.Mixin;

/** Options shared by the commands that resolve or build the image: catalog and mirror. */
final class ImageOptions {
  @Mixin CatalogFileOption catalogFile;

  @Mixin MirrorOptions mirror;

  ImageProfile profile() {
    return ImageProfile.DEBIAN;
  }

  Catalog catalog() {
    return catalogFile.load();
  }

  /** Makes sure the base image exists, bootstrapping it if needed; returns its name. */
  String ensureBase(ContainerEngine engine, ProcessRunner runner, Console console) {
    String suite = profile().suite();
    return new BaseImage(engine, runner, Project.baseRepository())
        .ensure(suite, mirror.source(suite, console.reporter()), console.reporter())
        .reference();
  }

  /**
   * Makes sure the base image of a platform ({@code linux/arm64}) exists, bootstrapping it if
   * needed (another architecture than the host's under qemu); returns its name.
   */
  String ensureBase(
      ContainerEngine engine, ProcessRunner runner, Console console, String platform) {
    String suite = profile().suite();
    return new BaseImage(engine, runner, Project.baseRepository())
        .ensure(
            suite,
            Platforms.debianArchitecture(platform),
            mirror.source(suite, console.reporter()),
            false,
            console.reporter())
        .reference();
  }
}
