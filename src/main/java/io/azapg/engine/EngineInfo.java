package io.azapg.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code info} says about the engine.
 *
 * @param kind podman or docker
 * @param version the engine (server) version
 * @param ociRuntime the OCI runtime containers run with (runc, crun)
 * @param cgroupManager cgroupfs or systemd
 * @param eventsLogger podman's events backend (file, journald); empty text for docker
 */
public record EngineInfo(
    EngineKind kind, String version, String ociRuntime, String cgroupManager, String eventsLogger) {

  static EngineInfo fromInfo(EngineKind kind, JsonNode info) {
    if (kind == EngineKind.PODMAN) {
      JsonNode host = info.path("host");
      return new EngineInfo(
          kind,
          info.path("version").path("Version").asText(""),
          host.path("ociRuntime").path("name").asText(""),
          host.path("cgroupManager").asText(""),
          host.path("eventLogger").asText(""));
    }
    return new EngineInfo(
        kind,
        info.path("ServerVersion").asText(""),
        info.path("DefaultRuntime").asText(""),
        info.path("CgroupDriver").asText(""),
        "");
  }
}
