package io.azapg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CatalogCommandTest {
  private static final String VALID = "src/test/resources/catalog/valid.json";
  private static final String INVALID =
      "src/test/resources/catalog/invalid/unknown-dependency.json";

  @Test
  void list_json_parsesAndHasEveryEntryWithSmokeSql() throws Exception {
    CliRun run = CliRun.of("catalog", "list", "--catalog", VALID, "--format", "json");
    assertThat(run.exitCode()).isZero();
    JsonNode list = new ObjectMapper().readTree(run.out());
    assertThat(list.size()).isEqualTo(8);
    list.forEach(e -> assertThat(e.path("smoke").asText()).isNotBlank());
    assertThat(list.get(1).path("source").path("package").asText()).isEqualTo("postgresql-18-cron");
  }

  @Test
  void list_filtersByCategoryAndEnabled() {
    CliRun run = CliRun.of("catalog", "list", "--catalog", VALID, "--category", "ai", "--enabled");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("vector")
        .doesNotContain("vectorscale")
        .doesNotContain("postgis");
    assertThat(run.err()).contains("1 of 8 entries");
  }

  @Test
  void show_printsOneEntry() {
    CliRun run = CliRun.of("catalog", "show", "--catalog", VALID, "pg_cron");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("pg_cron").contains("setting cron.use_background_workers: on");
  }

  @Test
  void show_unknownName_exits3WithSuggestion() {
    CliRun run = CliRun.of("catalog", "show", "--catalog", VALID, "vectr");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("no catalog entry named \"vectr\" (did you mean vector?)");
  }

  @Test
  void validate_validFile_printsSummaryOnStdout() {
    CliRun run = CliRun.of("catalog", "validate", VALID);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("valid: 8 entries, 7 enabled (5 third-party), 1 disabled");
  }

  @Test
  void validate_invalidFile_listsProblemsOnStderrAndExits3() {
    CliRun run = CliRun.of("catalog", "validate", INVALID);
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains(
            "extensions[3].dependencies[0]: unknown extension \"postgiss\" (did you mean postgis?)")
        .contains("is not a valid catalog (1 problem)");
  }

  @Test
  void validate_projectCatalog_isValid() {
    CliRun run = CliRun.of("catalog", "validate", "catalog/extensions.json");
    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void unknownFormat_isUsageError() {
    CliRun run = CliRun.of("catalog", "list", "--format", "yaml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--format");
  }

  @Test
  void unknownSubcommand_suggestsTheRightOne() {
    CliRun run = CliRun.of("catalog", "lst");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("list");
  }
}
