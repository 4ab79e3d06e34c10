package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AptSimulationTest {
  @Test
  void parse_readsInstLinesIncludingUpgrades() {
    AptSimulation sim =
        AptSimulation.parse(
            "NOTE: This is only a simulation!\n"
                + "Inst libpq5 (18.6-3 Debian:unstable [amd64])\n"
                + "Inst libc6 [2.41-1] (2.43-7 Debian:unstable [amd64])\n"
                + "Inst postgresql-18 (18.6-3 Debian:unstable [amd64])\n"
                + "Conf libpq5 (18.6-3 Debian:unstable [amd64])\n");
    assertThat(sim.installs())
        .containsEntry("libpq5", "18.6-3")
        .containsEntry("libc6", "2.43-7")
        .containsEntry("postgresql-18", "18.6-3")
        .hasSize(3);
    assertThat(sim.missing()).isEmpty();
  }

  @Test
  void parse_collectsEveryMissingPackage() {
    AptSimulation sim =
        AptSimulation.parse(
            "E: Unable to locate package postgresql-18-nope\n"
                + "E: Package 'postgresql-18-gone' has no installation candidate\n"
                + "E: Version '9.9-1' for 'postgresql-18-cron' was not found\n"
                + "E: Something else broke\n");
    assertThat(sim.missing())
        .containsExactly("postgresql-18-cron=9.9-1", "postgresql-18-gone", "postgresql-18-nope");
    assertThat(sim.errors()).containsExactly("Something else broke");
  }
}
