package io.azapg.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShippedCatalogReaderTest {
  @Test
  void shippedCatalog_isExactlyWhatTheValidatingLoaderBinds() {
    Catalog validated = new CatalogLoader().loadBundled();
    Catalog shipped = new CatalogLoader().loadShipped();
    assertThat(shipped.extensions()).hasSize(validated.extensions().size()).hasSizeGreaterThan(100);
    // record equality, entry by entry, so that a failure names the entry that differs
    for (int i = 0; i < validated.extensions().size(); i++) {
      assertThat(shipped.extensions().get(i)).isEqualTo(validated.extensions().get(i));
    }
    assertThat(shipped).isEqualTo(validated);
    assertThat(shipped.derived().defaultPreload())
        .isEqualTo(validated.derived().defaultPreload())
        .isNotEmpty();
  }

  @Test
  void everyFieldTheModelHas_isRead() throws Exception {
    String json =
        """
        {"$schema": "x", "postgresMajor": 18,
         "extensions": [
          {"name": "a", "displayName": "A", "kind": "extension", "category": "c",
           "description": "d", "license": "MIT",
           "source": {"type": "git", "repository": "https://example.org/a.git", "tag": "v1",
                      "commit": "0123456789abcdef0123456789abcdef01234567", "build": "pgxs",
                      "subdir": "s", "buildPackages": ["b"], "runtimePackages": ["r"],
                      "options": ["o"]},
           "version": "1.0", "extensionVersion": "1", "schema": "sch",
           "preload": {"library": "a", "required": true, "default": true, "backgroundWorkers": 2},
           "autoCreate": true, "dependencies": ["b"], "settings": {"a.x": "1"},
           "smoke": "SELECT 1", "docsUrl": "https://example.org", "enabled": false,
           "disabledReason": "why", "notes": "n"},
          {"name": "b", "kind": "builtin", "source": {"type": "builtin"}, "enabled": true},
          {"name": "c", "kind": "tool", "source": {"type": "apt", "package": "p"}}],
         "excluded": [{"package": "x", "reason": "y"}],
         "keptTooling": [{"package": "k", "neededBy": ["a"], "reason": "r"}]}
        """;
    Catalog c =
        ShippedCatalogReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    assertThat(c.postgresMajor()).isEqualTo(18);
    assertThat(c.extensions().get(0))
        .isEqualTo(
            new Entry(
                "a",
                "A",
                Kind.EXTENSION,
                "c",
                "d",
                "MIT",
                new Source.Git(
                    "https://example.org/a.git",
                    "v1",
                    "0123456789abcdef0123456789abcdef01234567",
                    "pgxs",
                    "s",
                    java.util.List.of("b"),
                    java.util.List.of("r"),
                    java.util.List.of("o")),
                "1.0",
                "1",
                "sch",
                new Preload("a", true, true, 2),
                true,
                java.util.List.of("b"),
                java.util.Map.of("a.x", "1"),
                "SELECT 1",
                "https://example.org",
                false,
                "why",
                "n"));
    assertThat(c.extensions().get(1).source()).isEqualTo(new Source.Builtin());
    assertThat(c.extensions().get(1).preloadSpec()).isEmpty();
    assertThat(c.extensions().get(2).source()).isEqualTo(new Source.Apt("p"));
    assertThat(c.extensions().get(2).enabled()).isFalse();
    assertThat(c.excluded()).containsExactly(new Excluded("x", "y"));
    assertThat(c.keptTooling()).containsExactly(new KeptTooling("k", java.util.List.of("a"), "r"));
  }
}
