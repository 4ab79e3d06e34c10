package io.azapg.cli;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.Counts;
import io.azapg.catalog.Entry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aza-pg catalog}: list, show and validate the extension catalog. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = "Read and check the extension catalog (catalog/extensions.json).",
    subcommands = {
      CatalogCommand.ListCommand.class,
      CatalogCommand.ShowCommand.class,
      CatalogCommand.ValidateCommand.class
    })
final class CatalogCommand {

  /** {@code aza-pg catalog list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List catalog entries.")
  static final class ListCommand implements Callable<Integer> {
    private final Console console;

    @Option(
        names = "--category",
        paramLabel = "NAME",
        description = "Only entries of this category.")
    @Nullable String category;

    @Option(names = "--enabled", description = "Only entries that are in the image.")
    boolean enabledOnly;

    @Mixin CatalogFileOption catalogFile;

    @Mixin FormatOption format;

    ListCommand(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      Catalog catalog = catalogFile.load();
      List<Entry> entries =
          catalog.extensions().stream()
              .filter(e -> !enabledOnly || e.enabled())
              .filter(e -> category == null || e.category().equals(category))
              .toList();
      if (category != null && entries.isEmpty()) {
        console.reporter().warn("no entries in category \"" + category + "\"");
      }
      if (format.json()) {
        console.out().println(Json.write(entries));
        return 0;
      }
      console
          .out()
          .printf(
              Locale.ROOT,
              "%-28s %-9s %-13s %-12s %-8s %-6s %s%n",
              "NAME",
              "KIND",
              "CATEGORY",
              "VERSION",
              "PRELOAD",
              "INIT",
              "SOURCE");
      for (Entry e : entries) {
        console
            .out()
            .printf(
                Locale.ROOT,
                "%-28s %-9s %-13s %-12s %-8s %-6s %s%n",
                e.name(),
                e.kind().jsonName(),
                e.category(),
                e.version(),
                preload(e),
                e.autoCreate() ? "create" : "-",
                e.enabled() ? e.source().describe() : "disabled: " + e.disabledReason());
      }
      console.reporter().info(entries.size() + " of " + catalog.extensions().size() + " entries");
      return 0;
    }

    private static String preload(Entry e) {
      if (e.preload() == null) {
        return "-";
      }
      return e.preload().onByDefault()
          ? "default"
          : e.preload().required() ? "required" : "optional";
    }
  }

  /** {@code aza-pg catalog show NAME}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one entry.")
  static final class ShowCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(paramLabel = "NAME", description = "Entry name, e.g. vector.")
    String name;

    @Mixin CatalogFileOption catalogFile;

    @Mixin FormatOption format;

    ShowCommand(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      Entry e = catalogFile.load().require(name);
      if (format.json()) {
        console.out().println(Json.write(e));
        return 0;
      }
      Map<String, String> rows = new LinkedHashMap<>();
      rows.put("name", e.name());
      rows.put("display name", e.displayName());
      rows.put("kind", e.kind().jsonName());
      rows.put("category", e.category());
      rows.put("description", e.description());
      rows.put("version", e.version());
      rows.put("license", e.license());
      rows.put("source", e.source().describe());
      rows.put("enabled", e.enabled() ? "yes" : "no: " + e.disabledReason());
      rows.put(
          "preload",
          e.preload() == null
              ? "-"
              : e.preload().library()
                  + (e.preload().required() ? ", required" : ", optional")
                  + (e.preload().onByDefault() ? ", on by default" : ""));
      rows.put("created at init", e.autoCreate() ? "yes" : "no");
      rows.put(
          "dependencies", e.dependencies().isEmpty() ? "-" : String.join(", ", e.dependencies()));
      e.settings().forEach((k, v) -> rows.put("setting " + k, v));
      rows.put("smoke SQL", e.smoke());
      rows.put("docs", e.docsUrl());
      if (e.notes() != null) {
        rows.put("notes", e.notes());
      }
      rows.forEach((k, v) -> console.out().printf(Locale.ROOT, "%-16s %s%n", k + ":", v));
      return 0;
    }
  }

  /** {@code aza-pg catalog validate [FILE]}. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description =
          "Check a catalog against the schema and the semantic rules; report every problem.")
  static final class ValidateCommand implements Callable<Integer> {
    private final Console console;

    @Parameters(
        arity = "0..1",
        paramLabel = "FILE",
        description = "Catalog file (default: the project's).")
    @Nullable Path file;

    ValidateCommand(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      String origin =
          file != null
              ? file.toString()
              : Project.catalogFile().map(Path::toString).orElse("bundled catalog");
      Catalog catalog = Project.loadCatalog(file);
      Counts c = catalog.derived().counts();
      console
          .out()
          .printf(
              Locale.ROOT,
              "%s: valid: %d entries, %d enabled (%d third-party), %d disabled%n",
              origin,
              c.total(),
              c.enabled(),
              c.thirdPartyEnabled(),
              c.disabled());
      return 0;
    }
  }
}
