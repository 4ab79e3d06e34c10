package io.azapg.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A container's state from {@code inspect}.
 *
 * @param id the full container id
 * @param name the name, without docker's leading slash
 * @param status created, running, exited, ...
 * @param running whether its main process runs
 * @param exitCode the main process's exit code (0 while running)
 * @param oomKilled whether the kernel's OOM killer ended it
 * @param health its health, empty when it has no healthcheck
 * @param lastHealthOutput the output of its latest healthcheck, if any ran
 * @param restartCount how often the engine restarted it under its restart policy
 */
public record ContainerState(
    String id,
    String name,
    String status,
    String image,
    boolean running,
    int exitCode,
    boolean oomKilled,
    Optional<HealthStatus> health,
    Optional<String> lastHealthOutput,
    int restartCount) {

  static ContainerState fromInspect(JsonNode container) {
    JsonNode state = container.path("State");
    // Docker and podman >= 4 say "Health"; older podman said "Healthcheck".
    JsonNode health = state.has("Health") ? state.path("Health") : state.path("Healthcheck");
    JsonNode log = health.path("Log");
    Optional<String> lastOutput =
        log.isArray() && log.size() > 0
            ? Optional.of(log.get(log.size() - 1).path("Output").asText("").trim())
            : Optional.empty();
    String name = container.path("Name").asText("");
    return new ContainerState(
        container.path("Id").asText(""),
        name.startsWith("/") ? name.substring(1) : name,
        state.path("Status").asText(""),
        container.path("Image").asText(""),
        state.path("Running").asBoolean(false),
        state.path("ExitCode").asInt(0),
        state.path("OOMKilled").asBoolean(false),
        HealthStatus.parse(health.path("Status").asText("")),
        lastOutput,
        container.path("RestartCount").asInt(0));
  }
}
