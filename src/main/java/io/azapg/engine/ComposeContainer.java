package io.azapg.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One container of a Compose project, as {@code docker compose ps --all --format json} shows it.
 *
 * @param service the Compose service
 * @param name the container's name
 * @param state running, exited, restarting, created, ...
 * @param health healthy, unhealthy or starting; empty when it has no healthcheck
 * @param exitCode the exit code of its last run
 */
public record ComposeContainer(
    String service, String name, String state, Optional<String> health, int exitCode) {

  static ComposeContainer fromPs(JsonNode n) {
    String health = n.path("Health").asText("");
    return new ComposeContainer(
        n.path("Service").asText(""),
        n.path("Name").asText(""),
        n.path("State").asText(""),
        health.isEmpty() ? Optional.empty() : Optional.of(health),
        n.path("ExitCode").asInt(0));
  }

  /** Running, and healthy when it has a healthcheck. */
  public boolean ready() {
    return state.equals("running") && health.map(h -> h.equals("healthy")).orElse(true);
  }
}
