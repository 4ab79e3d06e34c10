package io.azapg.image;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import io.azapg.generate.StandIn;
import io.azapg.testing.Shellcheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolver script (bash -c inside the base image) for the real catalog passes shellcheck. */
class ResolverScriptShellcheckTest {
  @Test
  void resolverScript_forTheBundledCatalog_isShellcheckClean(@TempDir Path dir) throws Exception {
    Catalog catalog = new CatalogLoader().loadBundled();
    String script =
        ResolverScript.render(
            ImageProfile.DEBIAN.suite(), ImagePackages.all(catalog), StandIn.forCatalog(catalog));
    Shellcheck.assertClean(script, "bash", dir);
  }
}
