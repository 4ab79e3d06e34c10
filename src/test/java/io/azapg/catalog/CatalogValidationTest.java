package io.azapg.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.azapg.common.ExitCode;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One invalid fixture per validation rule; each must give exactly its one clear line. */
class CatalogValidationTest {
  private static final Path FIXTURES = Path.of("src/test/resources/catalog");

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of(
            "duplicate-name",
            "extensions[8].name: duplicate name \"pg_trgm\" (first defined at extensions[4])"),
        Arguments.of(
            "unknown-dependency",
            "extensions[3].dependencies[0]: unknown extension \"postgiss\" (did you mean postgis?)"),
        Arguments.of(
            "dependency-cycle",
            "extensions[2].dependencies: dependency cycle: postgis -> postgis_topology -> postgis"),
        Arguments.of("missing-field", "extensions[5]: missing required field \"smoke\""),
        Arguments.of(
            "wrong-type",
            "extensions[5].version: is the number 0.87 but must be a string: write \"0.87\" (a number would turn 1.10 into 1.1)"),
        Arguments.of(
            "preload-without-library", "extensions[5].preload: missing required field \"library\""),
        Arguments.of(
            "disabled-without-reason",
            "extensions[6].disabledReason: a disabled entry must say why (disabledReason)"),
        Arguments.of(
            "enabled-with-reason",
            "extensions[5].disabledReason: an enabled entry must not carry a disabledReason; remove it"),
        Arguments.of(
            "builtin-kind-not-builtin-source",
            "extensions[4].source.type: kind builtin ships with PostgreSQL, so its source must be builtin"),
        Arguments.of(
            "builtin-source-on-extension",
            "extensions[5].source.type: kind extension is third-party: its source must be apt or git, not builtin"),
        Arguments.of(
            "auto-create-disabled",
            "extensions[6].autoCreate: a disabled entry cannot be created at init; set autoCreate to false"),
        Arguments.of(
            "auto-create-dependency-not-created",
            "extensions[3].dependencies[0]: auto-created, but its dependency \"postgis\" is not: auto-create it too"),
        Arguments.of(
            "auto-create-needs-default-preload",
            "extensions[1].preload.default: created at init but needs preload: it must be preloaded by default (or not auto-created)"),
        Arguments.of(
            "dependency-disabled",
            "extensions[6].dependencies[0]: depends on \"vector\", which is disabled: disable this entry too or enable it"),
        Arguments.of(
            "smoke-two-statements",
            "extensions[5].smoke: must be one SQL statement (found ';' between statements): use a subquery, or run the statements in another session through dblink"),
        Arguments.of(
            "bad-setting-name",
            "extensions[1].settings.Cron Workers: \"Cron Workers\" is not a valid setting name"),
        Arguments.of(
            "excluded-but-installed",
            "excluded[1].package: \"postgresql-18-pgvector\" is excluded but an enabled entry installs it"),
        Arguments.of(
            "unknown-field", "extensions[5]: unknown field \"preloadd\" (did you mean preload?)"),
        Arguments.of(
            "git-without-commit", "extensions[6].source: missing required field \"commit\""),
        Arguments.of(
            "git-bad-commit",
            "extensions[6].source.commit: does not match the regex pattern ^[0-9a-f]{40}$"),
        Arguments.of(
            "tool-auto-create",
            "extensions[7].autoCreate: kind tool has no CREATE EXTENSION to run at init"),
        Arguments.of(
            "default-preload-disabled",
            "extensions[6].preload.default: a disabled entry cannot be in the default preload list"),
        Arguments.of(
            "shared-library-disagrees",
            "extensions[2].preload.default: library \"pg_cron\" is also listed at extensions[1] with a different default: make them agree"),
        Arguments.of(
            "bad-kind",
            "extensions[5].kind: does not have a value in the enumeration [\"extension\", \"module\", \"tool\", \"builtin\"]"),
        Arguments.of(
            "invalid-json",
            "line 4, column 23: not valid JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name"),
        Arguments.of(
            "duplicate-key", "line 3, column 18: not valid JSON: Duplicate field 'postgresMajor'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void load_invalidFixture_reportsExactlyItsProblem(String fixture, String expected) {
    CatalogInvalidException e =
        catchThrowableOfType(
            CatalogInvalidException.class,
            () -> new CatalogLoader().load(FIXTURES.resolve("invalid/" + fixture + ".json")));
    assertThat(e).as("fixture %s must be rejected", fixture).isNotNull();
    assertThat(e.details()).containsExactly(expected);
    assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(e.getMessage()).contains(fixture + ".json").contains("1 problem");
  }

  @Test
  void load_everyRuleHasAFixture() {
    try (Stream<Path> files = java.nio.file.Files.list(FIXTURES.resolve("invalid"))) {
      assertThat(files.map(p -> p.getFileName().toString().replace(".json", "")))
          .containsExactlyInAnyOrderElementsOf(
              Stream.concat(rules().map(a -> (String) a.get()[0]), Stream.of("several-problems"))
                  .toList());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void load_severalProblems_reportsThemAllAtOnceInPathOrder() {
    CatalogInvalidException e =
        catchThrowableOfType(
            CatalogInvalidException.class,
            () -> new CatalogLoader().load(FIXTURES.resolve("invalid/several-problems.json")));
    // Schema problems stop binding, so the semantic ones show once the schema is satisfied.
    assertThat(e.details())
        .containsExactly(
            "extensions[5].version: is the number 1.1 but must be a string: write \"1.1\" (a number would turn 1.10 into 1.1)");
  }

  @Test
  void load_severalSemanticProblems_reportsThemAll() {
    String text =
        readFixture("valid.json")
            .replace("\"dependencies\": [\"postgis\"]", "\"dependencies\": [\"postgiss\"]")
            .replace("\"smoke\": \"SELECT similarity", "\"smoke\": \"SELECT 1; SELECT similarity")
            .replace(
                "\"disabledReason\": \"its source is on GitHub, which the build cannot reach\"",
                "\"notes\": \"x\"");
    CatalogInvalidException e =
        catchThrowableOfType(
            CatalogInvalidException.class, () -> new CatalogLoader().parse(text, "t.json"));
    assertThat(e.details())
        .containsExactly(
            "extensions[3].dependencies[0]: unknown extension \"postgiss\" (did you mean postgis?)",
            "extensions[4].smoke: must be one SQL statement (found ';' between statements): use a subquery, or run the statements in another session through dblink",
            "extensions[6].disabledReason: a disabled entry must say why (disabledReason)");
    assertThat(e.getMessage()).isEqualTo("t.json is not a valid catalog (3 problems)");
  }

  @Test
  void load_validFixture_binds() {
    Catalog catalog = new CatalogLoader().load(FIXTURES.resolve("valid.json"));
    assertThat(catalog.postgresMajor()).isEqualTo(18);
    assertThat(catalog.extensions()).hasSize(8);
    assertThat(catalog.require("vector").source())
        .isEqualTo(new Source.Apt("postgresql-18-pgvector"));
    assertThat(catalog.require("pg_cron").preload().workers()).isEqualTo(6);
    assertThat(catalog.excluded())
        .extracting(Excluded::pkg)
        .containsExactly("postgresql-18-pg-crash");
  }

  @Test
  void load_missingFile_namesIt() {
    assertThatThrownBy(() -> new CatalogLoader().load(Path.of("no/such/catalog.json")))
        .hasMessage("catalog file no/such/catalog.json does not exist");
  }

  @Test
  void require_unknownName_suggestsClosest() {
    Catalog catalog = new CatalogLoader().load(FIXTURES.resolve("valid.json"));
    assertThatThrownBy(() -> catalog.require("vectr"))
        .hasMessage("no catalog entry named \"vectr\" (did you mean vector?)");
  }

  static String readFixture(String name) {
    try {
      return java.nio.file.Files.readString(FIXTURES.resolve(name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
