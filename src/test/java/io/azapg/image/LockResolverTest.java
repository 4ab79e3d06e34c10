package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockResolverTest {
  @Test
  void sections_splitTheScriptOutput() {
    Map<String, String> s =
        LockResolver.sections(
            "noise\n@@section arch\namd64\n@@section runtime\nInst a (1 x [amd64])\n");
    assertThat(s).containsOnlyKeys("arch", "runtime");
    assertThat(s.get("arch").strip()).isEqualTo("amd64");
  }

  @Test
  void pins_subtractTheLayerBelowAndMarkNamedPackages() {
    List<LockFile.Pin> pins =
        LockResolver.pins(
            Map.of("libpq5", "18.6-3", "postgresql-18-cron", "1.6.8-1", "libcurl4", "8.1"),
            Map.of("libpq5", "18.6-3"),
            List.of("postgresql-18-cron", "gzip"),
            Map.of("gzip", "1.13-1"));
    assertThat(pins)
        .containsExactly(
            new LockFile.Pin("gzip", "1.13-1", true),
            new LockFile.Pin("libcurl4", "8.1", false),
            new LockFile.Pin("postgresql-18-cron", "1.6.8-1", true));
  }

  @Test
  void script_simulatesEachGroupAndTheExtensionsOnTopOfTheRuntime() {
    String script =
        LockResolver.script(
            ImageProfile.DEBIAN,
            Map.of(
                LockFile.Group.RUNTIME, List.of("postgresql-18"),
                LockFile.Group.EXTENSIONS, List.of("postgresql-18-cron"),
                LockFile.Group.JRE, List.of("openjdk-25-jdk-headless"),
                LockFile.Group.GITBUILD, List.of("build-essential")));
    assertThat(script)
        .contains("sim runtime postgresql-18\n")
        .contains("sim runtime+extensions postgresql-18 postgresql-18-cron\n")
        .contains("apt-get install -s --no-install-recommends")
        .doesNotContain("apt.postgresql.org");
    assertThat(
            LockResolver.script(
                ImageProfile.PGDG,
                Map.of(
                    LockFile.Group.RUNTIME, List.of("postgresql-18"),
                    LockFile.Group.EXTENSIONS, List.of(),
                    LockFile.Group.JRE, List.of(),
                    LockFile.Group.GITBUILD, List.of())))
        .contains("https://apt.postgresql.org/pub/repos/apt trixie-pgdg main");
  }
}
