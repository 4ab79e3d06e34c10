package io.azapg.engine.setup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainersConfTest {
  @Test
  void merge_emptyFile_writesAllFourSettingsInTheirTables() {
    String merged = ContainersConf.merge("");

    assertThat(merged)
        .contains("[containers]\n# aza-pg: ")
        .contains("default_ulimits = []\n")
        .contains("[engine]\n")
        .containsSubsequence(
            "runtime = \"runc\"", "cgroup_manager = \"cgroupfs\"", "events_logger = \"file\"");
    assertThat(ContainersConf.missing(merged)).isEmpty();
  }

  @Test
  void merge_keepsOtherContentAndReplacesOnlyWrongValues() {
    String original =
        """
        # host settings, keep me
        [containers]
        log_size_max = 1048576
        default_ulimits = [
          "nofile=1048576:1048576",  # too high here
        ]
        tz = "UTC"

        [engine]
        runtime = "crun"   # the distribution default
        # cgroup_manager = "systemd"
        events_logger = "file"

        [engine.runtimes]
        runc = ["/usr/bin/runc"]

        [network]
        network_backend = "netavark"
        """;

    String merged = ContainersConf.merge(original);

    assertThat(merged)
        .contains("# host settings, keep me\n[containers]\nlog_size_max = 1048576\n")
        .contains("default_ulimits = []\ntz = \"UTC\"\n")
        .doesNotContain("nofile=1048576")
        .contains("runtime = \"runc\"\n")
        .doesNotContain("runtime = \"crun\"")
        .contains("# cgroup_manager = \"systemd\"\nevents_logger = \"file\"\n# aza-pg: ")
        .contains(
            "cgroup_manager = \"cgroupfs\"\n\n[engine.runtimes]\nrunc = [\"/usr/bin/runc\"]\n")
        .endsWith("[network]\nnetwork_backend = \"netavark\"\n");
    assertThat(merged.indexOf("cgroup_manager = \"cgroupfs\""))
        .isLessThan(merged.indexOf("[engine.runtimes]"));
    assertThat(ContainersConf.missing(merged)).isEmpty();
  }

  @Test
  void merge_isIdempotent() {
    String once = ContainersConf.merge("[engine]\nnum_locks = 2048\n");

    assertThat(ContainersConf.merge(once)).isEqualTo(once);
  }

  @Test
  void missing_acceptsEquivalentSpellings_andIgnoresCommentsAndOtherTables() {
    String text =
        """
        [containers]
        default_ulimits = [ ]
        [engine]
        runtime="runc" # yes
        cgroup_manager = 'cgroupfs'
        [engine.events]
        events_logger = "file"
        """;

    assertThat(ContainersConf.missing(text)).containsExactly("engine.events_logger = \"file\"");
  }

  @Test
  void missing_reportsEverythingForAnEmptyFile() {
    assertThat(ContainersConf.missing(""))
        .containsExactly(
            "containers.default_ulimits = []",
            "engine.runtime = \"runc\"",
            "engine.cgroup_manager = \"cgroupfs\"",
            "engine.events_logger = \"file\"");
  }
}
