package io.azapg.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry logins that {@code podman login} or {@code docker login} stored, read from the same
 * files they write ({@code $REGISTRY_AUTH_FILE}, {@code $XDG_RUNTIME_DIR/containers/auth.json},
 * {@code /run/containers/0/auth.json}, {@code ~/.docker/config.json}), first match wins. The values
 * are only ever sent to the registry they belong to; they are never logged.
 */
public final class RegistryCredentials {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<Path> files;

  RegistryCredentials(List<Path> files) {
    this.files = List.copyOf(files);
  }

  /** The files the engines' login commands write, in the order podman reads them. */
  public static RegistryCredentials fromEnvironment(Map<String, String> env) {
    List<Path> files = new ArrayList<>();
    Optional.ofNullable(env.get("REGISTRY_AUTH_FILE")).map(Path::of).ifPresent(files::add);
    Optional.ofNullable(env.get("XDG_RUNTIME_DIR"))
        .map(dir -> Path.of(dir, "containers", "auth.json"))
        .ifPresent(files::add);
    files.add(Path.of("/run/containers/0/auth.json"));
    Optional.ofNullable(env.get("HOME"))
        .map(home -> Path.of(home, ".docker", "config.json"))
        .ifPresent(files::add);
    return new RegistryCredentials(files);
  }

  /** The {@code user:password} stored for a registry host, base64-encoded as Basic auth wants. */
  Optional<String> basic(String host) {
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      try {
        JsonNode auths =
            JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)).path("auths");
        for (String key : List.of(host, "https://" + host, "http://" + host)) {
          String auth = auths.path(key).path("auth").asText("");
          if (!auth.isBlank() && decodes(auth)) {
            return Optional.of(auth);
          }
        }
      } catch (IOException e) {
        // An unreadable or malformed auth file is skipped, as the engines do.
        continue;
      }
    }
    return Optional.empty();
  }

  private static boolean decodes(String auth) {
    try {
      return new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8).contains(":");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
