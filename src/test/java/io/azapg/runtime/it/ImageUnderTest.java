package io.azapg.runtime.it;

import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.EngineSelector;
import io.azapg.it.TestImage;
import io.azapg.process.DefaultProcessRunner;
import java.util.Optional;

/**
 * The image the runtime's integration tests run ({@link TestImage}: built once per run with {@code
 * aza-pg build}) and the engine the project selects. A missing engine or a failed build fails the
 * tests; nothing is skipped.
 */
final class ImageUnderTest {
  private static ContainerEngine engine;

  private ImageUnderTest() {}

  static synchronized ContainerEngine engine() {
    if (engine == null) {
      engine =
          new EngineSelector(new DefaultProcessRunner(), System.getenv(), Reporter.silent())
              .select(Optional.empty());
    }
    return engine;
  }

  /** The project's image, built once per run by the shared integration-test helper. */
  static String image() {
    return TestImage.get();
  }
}
