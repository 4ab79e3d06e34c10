package io.azapg.engine.setup;

import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.base.BaseImage;
import io.azapg.engine.base.BootstrapSource;
import io.azapg.process.ProcessRunner;
import java.util.Optional;

/** Makes sure the base image exists: Compose v2 is fetched with apt inside it. */
final class BaseImageStep implements SetupStep {
  private final ProcessRunner runner;
  private final ContainerEngine engine;
  private final BaseImage baseImage;
  private final String suite;
  private final BootstrapSource source;

  BaseImageStep(
      ProcessRunner runner,
      ContainerEngine engine,
      BaseImage baseImage,
      String suite,
      BootstrapSource source) {
    this.runner = runner;
    this.engine = engine;
    this.baseImage = baseImage;
    this.suite = suite;
    this.source = source;
  }

  @Override
  public String name() {
    return "base image";
  }

  @Override
  public Optional<String> pending() {
    String ref = BaseImage.reference(suite);
    if (runner.findExecutable(engine.kind().executable()).isEmpty()) {
      return Optional.of(
          "bootstrap " + ref + " (once " + engine.kind().executable() + " is installed)");
    }
    return engine.imageExists(ref) ? Optional.empty() : Optional.of("bootstrap " + ref);
  }

  @Override
  public void apply(Reporter reporter) {
    baseImage.ensure(suite, source, reporter);
  }
}
