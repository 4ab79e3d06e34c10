package io.azapg.image;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.Entry;
import io.azapg.catalog.Source;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The packages each install group asks for by name: the image's own needs plus the catalog's. */
public final class ImagePackages {
  private ImagePackages() {}

  /** Server, JIT, pooler, exporters, locales and what the entrypoint uses. */
  public static List<String> runtime(int major) {
    return List.of(
        "postgresql-" + major,
        "postgresql-" + major + "-jit",
        "postgresql-client-" + major,
        "pgbouncer",
        "prometheus-postgres-exporter",
        "prometheus-pgbouncer-exporter",
        "locales",
        "libnss-wrapper",
        "ca-certificates",
        "gzip",
        "xz-utils",
        "zstd",
        "tzdata");
  }

  /** The JDK the builder stage jlinks the runtime's JRE from. */
  public static List<String> jre() {
    return List.of("openjdk-25-jdk-headless");
  }

  /** The toolchain for git-sourced (PGXS) entries, plus their own build packages. */
  public static List<String> gitBuild(Catalog catalog) {
    TreeSet<String> pkgs =
        new TreeSet<>(
            List.of(
                "build-essential",
                // the server headers include ICU's (utils/pg_locale.h)
                "libicu-dev",
                "postgresql-server-dev-" + catalog.postgresMajor()));
    for (Entry e : catalog.derived().gitBuilt()) {
      pkgs.addAll(((Source.Git) e.source()).buildPackages());
    }
    return List.copyOf(pkgs);
  }

  /** Every group's named packages. */
  public static Map<LockFile.Group, List<String>> all(Catalog catalog) {
    // The PGXS toolchain is always locked, so a git-sourced entry can be enabled (or a fixture
    // built in the tests) without re-resolving the lock.
    return Map.of(
        LockFile.Group.RUNTIME, runtime(catalog.postgresMajor()),
        LockFile.Group.EXTENSIONS, catalog.derived().aptPackages(),
        LockFile.Group.JRE, jre(),
        LockFile.Group.GITBUILD, gitBuild(catalog));
  }
}
