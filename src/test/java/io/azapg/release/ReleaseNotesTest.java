package io.azapg.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import io.azapg.generate.GoldenFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseNotesTest {
  private static final Catalog CATALOG =
      new CatalogLoader().load(Path.of("src/test/resources/catalog/valid.json"));
  private static final String CHANGELOG =
      """
      # Changelog

      ## [Unreleased]

      - pgvector 0.8.1
      - Tuning: work_mem bounded by the connection budget

      ## [18.6-202601010000-single-node]

      - First release
      """;

  private static ReleaseFacts facts() {
    return new ReleaseFacts(
        RepositoryName.parse("ghcr.io/acme/aza-pg"),
        "sha256:" + "a".repeat(64),
        List.of(
            "18.6-202601011200-single-node", "18.6-single-node", "18-single-node", "18.6", "18"),
        Map.of("linux/amd64", 312_000_000L, "linux/arm64", 298_000_000L),
        Map.of(
            IndexAnnotations.OCI + "description",
            "PostgreSQL 18.6 with 8 extensions (3 third-party, 5 built-in)",
            IndexAnnotations.OCI + "revision",
            "0123456789abcdef0123456789abcdef01234567",
            IndexAnnotations.CUSTOM + "postgresql.version",
            "18.6"));
  }

  @Test
  void notes_matchTheGoldenFile() {
    GoldenFiles.assertMatches(
        Path.of("src/test/resources/golden/release/notes.md"),
        ReleaseNotes.render(CATALOG, facts(), CHANGELOG));
  }

  @Test
  void notes_quoteOnlyTheUnreleasedSection_andListEveryEnabledEntry() {
    String notes = ReleaseNotes.render(CATALOG, facts(), CHANGELOG);
    assertThat(notes).contains("> - pgvector 0.8.1").doesNotContain("First release");
    CATALOG.enabled().forEach(e -> assertThat(notes).contains("**" + e.name() + "**"));
    CATALOG.extensions().stream()
        .filter(e -> !e.enabled())
        .forEach(e -> assertThat(notes).doesNotContain("**" + e.name() + "**"));
  }

  @Test
  void changelog_withoutUnreleasedSection_saysSo() {
    assertThat(ReleaseNotes.render(CATALOG, facts(), "# Changelog\n"))
        .contains("Nothing recorded in CHANGELOG.md's Unreleased section.");
  }
}
