package io.azapg.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.azapg.catalog.Catalog;
import io.azapg.catalog.Counts;
import io.azapg.catalog.Entry;
import io.azapg.catalog.Kind;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.ExecSpec;
import io.azapg.engine.RunSpec;
import io.azapg.process.ProcessResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Proves an image: starts it with every preloadable enabled library preloaded, creates every
 * enabled extension in dependency order in one database, runs each entry's smoke SQL, and checks
 * that disabled entries are absent, JIT is available and version-info matches the catalog. Every
 * failure is collected; the container is removed whatever happens.
 */
public final class ImageVerifier {
  private static final String SOCKET_DIR = "/tmp";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  /**
   * A guard against a hung script, not a speed target: creating every extension takes about two
   * minutes on a quiet 2-core machine and was measured past seven on a heavily loaded one.
   */
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(20);

  private final ContainerEngine engine;
  private final Reporter reporter;

  public ImageVerifier(ContainerEngine engine, Reporter reporter) {
    this.engine = engine;
    this.reporter = reporter;
  }

  /** Runs the whole verification against {@code image}. */
  public VerificationResult verify(String image, Catalog catalog) {
    return verify(image, catalog, Set.of());
  }

  /**
   * Runs the verification against {@code image} for the enabled entries {@code only} names (all of
   * them when it is empty): those are created, with the entries they need, and smoke-tested. The
   * server starts the same way and the image-wide checks (disabled entries absent, installed
   * versions, JIT, version-info) run either way.
   */
  public VerificationResult verify(String image, Catalog catalog, Set<String> only) {
    for (String name : only) {
      if (catalog.find(name).filter(Entry::enabled).isEmpty()) {
        throw new IllegalArgumentException(name + " is not an enabled catalog entry");
      }
    }
    String name = "aza-pg-verify-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    List<String> preload = catalog.derived().allPreloadable();
    reporter.info("starting " + image + " with " + preload.size() + " libraries preloaded");
    try {
      engine.run(
          RunSpec.builder(image)
              .name(name)
              .user("postgres")
              .entrypoint("/bin/bash")
              .memoryBytes(2L << 30)
              .shmSizeBytes(1L << 30)
              .command(serverCommand(catalog, preload))
              .label("io.aza-pg.purpose", "verify-image")
              .build());
      waitUntilReady(name);
      VerificationScript script = new VerificationScript(catalog, only);
      reporter.info(
          "creating "
              + script.createdInOrder().size()
              + " extensions and running "
              + script.entriesInOrder().size()
              + " smoke statements");
      ProcessResult run = psql(name, script.render(), SCRIPT_TIMEOUT);
      List<VerificationResult.Step> steps = VerificationResult.parse(run.stdout());
      List<String> problems = new ArrayList<>();
      if (steps.isEmpty()) {
        problems.add(
            "the verification script reported nothing: "
                + run.stderr().strip()
                + "\nthe server's log (last 60 lines):\n"
                + engine.logs(name, java.util.OptionalInt.of(60)));
        return new VerificationResult(steps, problems);
      }
      problems.addAll(absentDisabled(name, catalog));
      problems.addAll(versions(name, catalog));
      problems.addAll(jit(name));
      problems.addAll(versionInfo(name, catalog));
      return new VerificationResult(steps, problems);
    } finally {
      engine.removeContainer(name, true, true);
    }
  }

  static List<String> serverCommand(Catalog catalog, List<String> preload) {
    Map<String, String> settings = new TreeMap<>(catalog.derived().allSettings());
    settings.put("shared_preload_libraries", String.join(",", preload));
    settings.put("wal_level", "logical");
    settings.put("max_worker_processes", "64");
    settings.put("listen_addresses", "");
    settings.put("unix_socket_directories", SOCKET_DIR);
    List<String> command = new ArrayList<>();
    command.add("-c");
    command.add(
        "set -e; export PGDATA=/tmp/verify-data;"
            // a fresh random root key for pgsodium and supabase_vault (read by the getkey script)
            + " umask 077; od -An -tx1 -N32 /dev/urandom | tr -d ' \\n' > /tmp/verify-root-key;"
            + " export PGSODIUM_KEY_FILE=/tmp/verify-root-key;"
            + " initdb -D \"$PGDATA\" -U postgres --auth=trust --encoding=UTF8"
            + " --locale=en_US.UTF-8 >/tmp/initdb.log 2>&1 || { cat /tmp/initdb.log; exit 1; };"
            + " exec postgres -D \"$PGDATA\" \"$@\"");
    command.add("verify");
    settings.forEach(
        (k, v) -> {
          command.add("-c");
          command.add(k + "=" + v);
        });
    return command;
  }

  private void waitUntilReady(String name) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      var state = engine.inspectContainer(name);
      if (state.isEmpty() || !state.get().running()) {
        throw new AzaPgException(
            ExitCode.CHECK_FAILED,
            "the image's server stopped during start-up; its log:\n"
                + engine.logs(name, java.util.OptionalInt.of(40)),
            List.of("a preloaded library that cannot load is the usual cause"));
      }
      ProcessResult ready =
          engine.exec(ExecSpec.of(name, "pg_isready", "-q", "-h", SOCKET_DIR, "-U", "postgres"));
      if (ready.exitCode() == 0) {
        return;
      }
      sleep();
    }
    throw new AzaPgException(
        ExitCode.TIMEOUT,
        "the image's server was not ready within "
            + READY_TIMEOUT.toSeconds()
            + " s; its log:\n"
            + engine.logs(name, java.util.OptionalInt.of(40)));
  }

  private ProcessResult psql(String name, String sql, Duration timeout) {
    return engine.exec(
        ExecSpec.of(
                name,
                "psql",
                "-X",
                "-q",
                "-A",
                "-t",
                "-h",
                SOCKET_DIR,
                "-U",
                "postgres",
                "-d",
                "postgres")
            .withUser("postgres")
            .withStdin(sql.getBytes(StandardCharsets.UTF_8))
            .withTimeout(timeout));
  }

  private List<String> absentDisabled(String name, Catalog catalog) {
    List<String> disabled =
        catalog.extensions().stream().filter(e -> !e.enabled()).map(Entry::name).toList();
    if (disabled.isEmpty()) {
      return List.of();
    }
    String array = String.join(",", disabled.stream().map(VerificationScript::literal).toList());
    ProcessResult r =
        psql(
            name,
            "SELECT name FROM pg_available_extensions WHERE name IN (" + array + ");\n",
            Duration.ofSeconds(30));
    List<String> problems = new ArrayList<>();
    for (String line : r.stdout().split("\n")) {
      if (!line.isBlank()) {
        problems.add("disabled entry " + line.strip() + " is installed in the image");
      }
    }
    return problems;
  }

  /**
   * Every third-party extension's {@code default_version} and, once created, {@code extversion}
   * against the catalog's version (its {@code extensionVersion} where the SQL version differs).
   */
  private List<String> versions(String name, Catalog catalog) {
    List<Entry> entries =
        catalog.enabled().stream()
            .filter(e -> e.kind() == Kind.EXTENSION && e.kind().createsExtension())
            .toList();
    if (entries.isEmpty()) {
      return List.of();
    }
    String array =
        String.join(",", entries.stream().map(e -> VerificationScript.literal(e.name())).toList());
    ProcessResult r =
        psql(
            name,
            "SELECT a.name || chr(9) || coalesce(a.default_version, '') || chr(9)"
                + " || coalesce(x.extversion, '') FROM pg_available_extensions a"
                + " LEFT JOIN pg_extension x ON x.extname = a.name WHERE a.name IN ("
                + array
                + ");\n",
            Duration.ofSeconds(30));
    if (r.exitCode() != 0) {
      return List.of("cannot read the installed extension versions: " + r.stderr().strip());
    }
    Map<String, String[]> found = new TreeMap<>();
    for (String line : r.stdout().split("\n")) {
      String[] cols = line.split("\t", -1);
      if (cols.length == 3) {
        found.put(cols[0], cols);
      }
    }
    List<String> problems = new ArrayList<>();
    for (Entry e : entries) {
      String[] cols = found.get(e.name());
      if (cols == null) {
        problems.add(e.name() + ": not in pg_available_extensions");
        continue;
      }
      String want = e.sqlVersion();
      if (!cols[1].equals(want)) {
        problems.add(
            e.name()
                + ": the image installs version "
                + cols[1]
                + " (default_version), the catalog says "
                + want);
      }
      if (!cols[2].isEmpty() && !cols[2].equals(want)) {
        problems.add(
            e.name()
                + ": created at version "
                + cols[2]
                + " (extversion), the catalog says "
                + want);
      }
    }
    return problems;
  }

  private List<String> jit(String name) {
    ProcessResult r = psql(name, "SELECT pg_jit_available();\n", Duration.ofSeconds(30));
    return r.stdout().strip().equals("t")
        ? List.of()
        : List.of(
            "pg_jit_available() is not true (" + r.stdout().strip() + r.stderr().strip() + ")");
  }

  private List<String> versionInfo(String name, Catalog catalog) {
    ProcessResult r = engine.exec(ExecSpec.of(name, "cat", "/usr/share/aza-pg/version-info.json"));
    if (r.exitCode() != 0) {
      return List.of("/usr/share/aza-pg/version-info.json is missing: " + r.stderr().strip());
    }
    try {
      JsonNode counts = JsonMapper.builder().build().readTree(r.stdout()).path("counts");
      Counts c = catalog.derived().counts();
      List<String> problems = new ArrayList<>();
      check(problems, "enabled", counts.path("enabled").asInt(-1), c.enabled());
      check(problems, "disabled", counts.path("disabled").asInt(-1), c.disabled());
      check(
          problems,
          "thirdPartyEnabled",
          counts.path("thirdPartyEnabled").asInt(-1),
          c.thirdPartyEnabled());
      check(
          problems,
          "preloadedByDefault",
          counts.path("preloadedByDefault").asInt(-1),
          c.defaultPreloaded());
      check(problems, "createdAtInit", counts.path("createdAtInit").asInt(-1), c.autoCreated());
      return problems;
    } catch (java.io.IOException e) {
      return List.of("version-info.json is not valid JSON: " + e.getMessage());
    }
  }

  private static void check(List<String> problems, String key, int actual, int expected) {
    if (actual != expected) {
      problems.add(
          "version-info.json counts." + key + " is " + actual + ", the catalog says " + expected);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AzaPgException(ExitCode.INTERNAL, "interrupted while waiting for the server");
    }
  }
}
