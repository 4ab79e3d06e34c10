package io.azapg.release;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.Entry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The release notes: what changed (CHANGELOG's Unreleased section), the image (tags, digest,
 * platforms, sizes), a quick start, every enabled catalog entry by category with its version and
 * preload marks, the tuning at a glance, and how to verify the signature and the SBOM.
 */
public final class ReleaseNotes {
  private ReleaseNotes() {}

  public static String render(Catalog catalog, ReleaseFacts facts, String changelog) {
    StringBuilder md = new StringBuilder();
    String version = facts.tags().get(0);
    String pg =
        facts.annotations().getOrDefault(IndexAnnotations.CUSTOM + "postgresql.version", "");
    String repo = facts.repository().toString();
    md.append("# aza-pg ").append(version).append("\n\n");
    md.append(facts.annotations().getOrDefault(IndexAnnotations.OCI + "description", ""))
        .append(".\n\n");
    String changes = Changelog.unreleased(changelog);
    md.append("## What's changed\n\n");
    if (changes.isEmpty()) {
      md.append("Nothing recorded in CHANGELOG.md's Unreleased section.\n\n");
    } else {
      changes.lines().forEach(l -> md.append(l.isEmpty() ? ">" : "> " + l).append('\n'));
      md.append('\n');
    }
    md.append("## Image\n\n| | |\n|---|---|\n");
    md.append("| repository | `").append(repo).append("` |\n");
    md.append("| digest | `").append(facts.indexDigest()).append("` |\n");
    md.append("| tags | ")
        .append(String.join(", ", facts.tags().stream().map(t -> "`" + t + "`").toList()))
        .append(" |\n");
    facts.platforms().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                md.append("| ")
                    .append(e.getKey())
                    .append(
                        String.format(
                            Locale.ROOT, " | %.0f MB compressed |%n", e.getValue() / 1e6)));
    md.append("| revision | `")
        .append(facts.annotations().getOrDefault(IndexAnnotations.OCI + "revision", ""))
        .append("` |\n\n");
    md.append("## Quick start\n\n```bash\n")
        .append("podman run -d --name pg -e POSTGRES_PASSWORD_FILE=/run/secrets/pw \\\n")
        .append("  -v \"$PWD/pw:/run/secrets/pw:ro\" -p 127.0.0.1:5432:5432 --memory 2g \\\n  ")
        .append(repo)
        .append('@')
        .append(facts.indexDigest())
        .append("\npodman exec -it pg psql -U postgres -c 'CREATE EXTENSION vector'\n```\n\n");
    extensions(catalog, md);
    md.append("## Tuning\n\n")
        .append(
            "Every start reads the container's memory and CPU limits (cgroup v2/v1) and writes ")
        .append(
            "settings whose worst-case memory fits the limit; below 512 MB it refuses to start. ")
        .append("Override with `POSTGRES_MEMORY`, `POSTGRES_CPUS`, `POSTGRES_WORKLOAD_TYPE` ")
        .append("(web, oltp, dw, mixed) and `POSTGRES_STORAGE_TYPE` (ssd, nvme, hdd, san); ")
        .append("`AZA_PG_TUNE=off` keeps PostgreSQL's defaults. `SELECT * FROM aza_pg.tuning` ")
        .append("shows each setting and why. See docs/TUNING.md and docs/CONFIGURATION.md.\n\n");
    md.append("## Verify\n\n```bash\n")
        .append("cosign verify --key cosign.pub ")
        .append(repo)
        .append('@')
        .append(facts.indexDigest())
        .append("\ncosign verify-attestation --key cosign.pub --type cyclonedx ")
        .append(repo)
        .append('@')
        .append(facts.indexDigest())
        .append("\n# or, from a checkout: ./aza-pg release verify --key cosign.pub --sbom ")
        .append(repo)
        .append('@')
        .append(facts.indexDigest())
        .append("\n```\n\nPostgreSQL ")
        .append(pg)
        .append(". The SBOM (CycloneDX JSON) lists every Debian package, every source-built ")
        .append("extension with its commit and the tooling's Maven dependencies.\n");
    return md.toString();
  }

  private static void extensions(Catalog catalog, StringBuilder md) {
    Map<String, List<Entry>> byCategory = new TreeMap<>();
    for (Entry e : catalog.enabled()) {
      byCategory.computeIfAbsent(e.category(), k -> new java.util.ArrayList<>()).add(e);
    }
    md.append("## Extensions (")
        .append(catalog.enabled().size())
        .append(" enabled)\n\n")
        .append("★ preloaded by default · ◆ needs shared_preload_libraries\n\n");
    byCategory.forEach(
        (category, entries) -> {
          md.append("### ").append(category).append(" (").append(entries.size()).append(")\n\n");
          entries.stream()
              .sorted(java.util.Comparator.comparing(Entry::name))
              .forEach(
                  e ->
                      md.append("- **")
                          .append(e.name())
                          .append("** ")
                          .append(e.version() == null ? "" : e.version())
                          .append(e.preloadedByDefault() ? " ★" : e.requiresPreload() ? " ◆" : "")
                          .append(" — ")
                          .append(e.description())
                          .append('\n'));
          md.append('\n');
        });
  }
}
