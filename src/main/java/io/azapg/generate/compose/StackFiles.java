package io.azapg.generate.compose;

import io.azapg.catalog.Catalog;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.generate.GeneratedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one stack: compose.yaml, its configs (the exporter's queries; PgBouncer's ini for a
 * primary) and, for a stack people run with Compose themselves, .env.example.
 */
public final class StackFiles {
  private StackFiles() {}

  /**
   * Renders a stack.
   *
   * @param dir the directory the paths start with ({@code stacks/primary}, or {@code .})
   * @param fromEnvironment true for a stack people run with Compose (variables with defaults, and
   *     .env.example); false for one {@code aza-pg up} runs (every value written in)
   */
  public static List<GeneratedFile> render(
      StackOptions options,
      StackNames names,
      Catalog catalog,
      String dir,
      boolean fromEnvironment) {
    StackSizing sizing = StackSizing.of(options, catalog);
    StackValues values = new StackValues(options, fromEnvironment);
    List<GeneratedFile> files = new ArrayList<>();
    files.add(
        new GeneratedFile(dir + "/compose.yaml", new ComposeFile(values, sizing, names).render()));
    files.add(new GeneratedFile(dir + "/" + ComposeFile.QUERIES, queries()));
    files.add(
        new GeneratedFile(
            dir + "/" + ComposeFile.EXPORTER_CONFIG,
            "# The postgres exporter's configuration: no auth modules, it scrapes the one server\n"
                + "# named by DATA_SOURCE_NAME (its password comes from a secret file, see"
                + " compose.yaml).\nauth_modules: {}\n"));
    if (options.kind() == StackKind.PRIMARY) {
      files.add(
          new GeneratedFile(
              dir + "/" + ComposeFile.PGBOUNCER_INI, new PgBouncerIni(options, sizing).render()));
    }
    if (options.walArchive()) {
      files.add(new GeneratedFile(dir + "/" + PgBackRestConf.FILE, PgBackRestConf.render()));
    }
    if (fromEnvironment) {
      files.add(
          new GeneratedFile(
              dir + "/.env.example", EnvExample.render(options.kind(), values.used())));
    }
    return List.copyOf(files);
  }

  /** The three stacks at their defaults, as committed under {@code stacks/}. */
  public static List<GeneratedFile> committed(Catalog catalog) {
    List<GeneratedFile> files = new ArrayList<>();
    for (StackKind kind : StackKind.values()) {
      StackOptions options = StackOptions.defaults(kind);
      files.addAll(
          render(options, StackNames.committed(options), catalog, "stacks/" + kind.id(), true));
    }
    return List.copyOf(files);
  }

  /** The postgres exporter's custom queries (the same for every stack). */
  public static String queries() {
    try (InputStream in = StackFiles.class.getResourceAsStream(ComposeFile.QUERIES)) {
      if (in == null) {
        throw new AzaPgException(ExitCode.INTERNAL, "the jar has no " + ComposeFile.QUERIES);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INTERNAL, "cannot read " + ComposeFile.QUERIES + ": " + e.getMessage());
    }
  }
}
