package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.generate.StandIn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockResolverTest {
  private static final Map<LockFile.Group, List<String>> NAMED =
      Map.of(
          LockFile.Group.RUNTIME, List.of("postgresql-18"),
          LockFile.Group.EXTENSIONS, List.of("postgresql-18-cron"),
          LockFile.Group.JRE, List.of("openjdk-25-jdk-headless"),
          LockFile.Group.GITBUILD, List.of("build-essential"));

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
  void script_simulatesEachGroupAndRecordsTheReleaseDate() {
    String script = ResolverScript.render("forky", NAMED, List.of());

    assertThat(script)
        .contains("sim postgresql-18\n")
        .contains(
            "@@section runtime+extensions'; sim postgresql-18 postgresql-18-cron"
                + " \"${prefer[@]}\"\n")
        .contains("apt-get install -s --no-install-recommends")
        .contains("/var/lib/apt/lists/*_dists_forky_InRelease")
        .contains("grep -m1 '^Date:'")
        .doesNotContain("make-standin");
  }

  @Test
  void script_prefersGpgOverTheGnupgSuiteOnlyWhenAptWouldPullIt() {
    String script = ResolverScript.render("forky", NAMED, List.of());

    assertThat(script).contains("grep -q '^Inst gnupg ' /tmp/ext.sim && prefer+=(gpg)");
  }

  @Test
  void script_buildsStandInsAndSimulatesTheExtensionsWithThem() {
    StandIn standIn =
        new StandIn("aza-pg-x-link", "libx-dev", "libx1", List.of("libx.so=libx.so.1"), "p", "r");

    String script = ResolverScript.render("forky", NAMED, List.of(standIn));

    assertThat(script)
        .contains("cat > /usr/local/lib/aza-pg/build/make-standin <<'AZA_PG_SCRIPT_END'")
        .contains(
            "/usr/local/lib/aza-pg/build/make-standin /tmp/aza-pg-standins/aza-pg-x-link.deb"
                + " aza-pg-x-link libx-dev libx1 libx.so=libx.so.1")
        .contains("sim /tmp/aza-pg-standins/aza-pg-x-link.deb postgresql-18 postgresql-18-cron");
  }

  @Test
  void archiveState_readsTheDateLine() {
    assertThat(
            LockResolver.archiveState(
                "forky", "amd64", "Date: Fri, 30 Oct 2026 08:08:01 UTC\n", "base:forky"))
        .isEqualTo(new ArchiveState("forky", "amd64", Instant.parse("2026-10-30T08:08:01Z")));
  }

  @Test
  void archiveState_withoutADate_isAnEngineErrorNamingTheSuite() {
    assertThatThrownBy(() -> LockResolver.archiveState("forky", "amd64", "", "base:forky"))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.ENGINE);
              assertThat(e.getMessage())
                  .contains("Date of the forky Release file inside base:forky");
            });
  }
}
