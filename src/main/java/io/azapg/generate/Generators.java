package io.azapg.generate;

import io.azapg.catalog.Catalog;
import io.azapg.generate.compose.StackFiles;
import java.util.ArrayList;
import java.util.List;

/** Every file {@code aza-pg generate} writes, from one catalog (and the image inputs). */
public final class Generators {
  private Generators() {}

  /** The catalog-only files (docs); used where no package lock is at hand. */
  public static List<GeneratedFile> docs(Catalog catalog) {
    return List.of(new GeneratedFile("docs/EXTENSIONS.md", new ExtensionsDoc(catalog).render()));
  }

  /** The files of one image profile; {@code dir} is the build directory, e.g. {@code image}. */
  public static List<GeneratedFile> image(Catalog catalog, ImageInputs inputs, String dir) {
    return List.of(
        new GeneratedFile(dir + "/Dockerfile", new Dockerfile(catalog, inputs).render()),
        new GeneratedFile(
            dir + "/generated/verify-files.sh", new VerifyFilesScript(catalog).render()),
        new GeneratedFile(
            dir + "/generated/version-info.json", new VersionInfo(catalog, inputs).render()),
        new GeneratedFile(
            dir + "/generated/IMAGE-CONTENTS.txt", new ImageContents(catalog, inputs).render()));
  }

  /** The three stacks at their defaults, committed under {@code stacks/}. */
  public static List<GeneratedFile> stacks(Catalog catalog) {
    return StackFiles.committed(catalog);
  }

  /** Docs plus the image files. */
  public static List<GeneratedFile> all(Catalog catalog, ImageInputs inputs) {
    List<GeneratedFile> files = new ArrayList<>(docs(catalog));
    files.addAll(image(catalog, inputs, "image"));
    return List.copyOf(files);
  }
}
