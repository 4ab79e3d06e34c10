package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import io.azapg.catalog.Entry;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerificationScriptTest {
  private final Catalog catalog =
      new CatalogLoader().load(Path.of("src/test/resources/catalog/valid.json"));

  @Test
  void entriesInOrder_createsDependenciesFirstThenModulesAndTools() {
    assertThat(new VerificationScript(catalog).entriesInOrder())
        .extracting(Entry::name)
        .containsExactly(
            "pg_cron",
            "pg_trgm",
            "postgis",
            "postgis_topology",
            "vector",
            "auto_explain",
            "wal2json");
  }

  @Test
  void render_quotesSmokeSqlAndCatchesEachFailure() {
    String sql = new VerificationScript(catalog).render();
    assertThat(sql)
        .contains("EXECUTE 'CREATE EXTENSION IF NOT EXISTS \"postgis\"';")
        .contains("EXECUTE 'SELECT ''[1,2,3]''::vector <-> ''[3,2,1]''::vector' INTO r;")
        .contains("EXCEPTION WHEN OTHERS THEN");
    assertThat(sql.indexOf("\"postgis\"")).isLessThan(sql.indexOf("\"postgis_topology\""));
  }

  @Test
  void render_turnsOffWhatSlowsOrRefusesInstallScripts_onlyWhileCreating() {
    String sql =
        new VerificationScript(new CatalogLoader().load(Path.of("catalog/extensions.json")))
            .render();
    int firstCreate = sql.indexOf("CREATE EXTENSION");
    int lastCreate = sql.lastIndexOf("CREATE EXTENSION");
    int firstSmoke = sql.indexOf("'smoke'");
    for (String setting : new String[] {"pg_hint_plan.enable_hint", "safeupdate.enabled"}) {
      assertThat(sql.indexOf("SET " + setting + " = off;")).isBetween(0, firstCreate);
      assertThat(sql.indexOf("RESET " + setting + ";")).isBetween(lastCreate, firstSmoke);
    }
    // the test catalog preloads neither library: nothing to turn off
    assertThat(new VerificationScript(catalog).render()).doesNotContain("SET pg_hint_plan");
  }

  @Test
  void only_createsTheEntryAfterItsDependenciesAndSmokeTestsItAlone() {
    VerificationScript script = new VerificationScript(catalog, Set.of("postgis_topology"));
    assertThat(script.createdInOrder())
        .extracting(Entry::name)
        .containsExactly("postgis", "postgis_topology");
    assertThat(script.entriesInOrder()).extracting(Entry::name).containsExactly("postgis_topology");
    String sql = script.render();
    assertThat(sql)
        .contains("EXECUTE 'CREATE EXTENSION IF NOT EXISTS \"postgis\"';")
        .contains("topology.postgis_topology_scripts_installed()")
        .doesNotContain("\"vector\"")
        .doesNotContain("ST_Buffer");
  }

  @Test
  void only_aModuleCreatesNothingAndRunsItsSmokeStatement() {
    VerificationScript script = new VerificationScript(catalog, Set.of("auto_explain"));
    assertThat(script.createdInOrder()).isEmpty();
    assertThat(script.entriesInOrder()).extracting(Entry::name).containsExactly("auto_explain");
  }

  @Test
  void only_createsDependenciesTransitivelyAndDblinkForASmokeStatementThatUsesIt() {
    Catalog project = new CatalogLoader().load(Path.of("catalog/extensions.json"));
    assertThat(project.require("supabase_vault").smoke()).contains("dblink(");
    VerificationScript script = new VerificationScript(project, Set.of("supabase_vault"));
    assertThat(script.createdInOrder())
        .extracting(Entry::name)
        .containsExactlyInAnyOrder("dblink", "pgsodium", "supabase_vault");
    assertThat(script.createdInOrder().get(2).name()).isEqualTo("supabase_vault");
    assertThat(script.entriesInOrder()).extracting(Entry::name).containsExactly("supabase_vault");
    // an entry whose smoke statement runs in its own session needs no dblink
    assertThat(new VerificationScript(project, Set.of("hypopg")).createdInOrder())
        .extracting(Entry::name)
        .containsExactly("hypopg");
  }

  @Test
  void everyEntry_whenNoneIsSelected() {
    assertThat(new VerificationScript(catalog, Set.of()).createdInOrder())
        .extracting(Entry::name)
        .containsExactly("pg_cron", "pg_trgm", "postgis", "postgis_topology", "vector");
  }

  @Test
  void parse_readsOnlyResultLines() {
    String out =
        "DO\nDO\n@@verify\tvector\tcreate\ttrue\t\n"
            + "@@verify\tvector\tsmoke\ttrue\t2.8284271247461903\n"
            + "@@verify\tpostgis\tsmoke\tfalse\t42883: function st_buffer does not exist\n";
    var steps = VerificationResult.parse(out);
    assertThat(steps).hasSize(3);
    VerificationResult result = new VerificationResult(steps, java.util.List.of());
    assertThat(result.passed()).isFalse();
    assertThat(result.failures())
        .singleElement()
        .hasToString("postgis smoke: FAILED: 42883: function st_buffer does not exist");
  }
}
