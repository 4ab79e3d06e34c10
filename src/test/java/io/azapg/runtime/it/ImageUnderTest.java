package io.azapg.runtime.it;

import io.azapg.cli.Main;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.EngineSelector;
import io.azapg.process.DefaultProcessRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;

/**
 * The image the runtime's integration tests run: built once per test JVM with {@code aza-pg build}
 * (a cache hit when its inputs did not change), on the engine the project selects. A missing engine
 * or a failed build fails the tests; nothing is skipped.
 */
final class ImageUnderTest {
  private static String image;
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

  static synchronized String image() {
    if (image == null) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "build");
      if (code != 0) {
        throw new AssertionError("aza-pg build failed with exit code " + code + ":\n" + err);
      }
      image = out.toString().strip().lines().findFirst().orElseThrow();
    }
    return image;
  }
}
