package io.azapg.generate;

import io.azapg.catalog.Catalog;
import java.util.List;

/** Every file {@code aza-pg generate} writes, from one catalog. */
public final class Generators {
  private Generators() {}

  /** The generated files, in a stable order. */
  public static List<GeneratedFile> all(Catalog catalog) {
    return List.of(new GeneratedFile("docs/EXTENSIONS.md", new ExtensionsDoc(catalog).render()));
  }
}
