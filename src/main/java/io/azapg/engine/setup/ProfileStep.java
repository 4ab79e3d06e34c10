package io.azapg.engine.setup;

import io.azapg.common.Reporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes the login-shell environment that points the docker CLI, Compose v2 and Testcontainers at
 * the podman socket and keeps them off BuildKit, Bake and Ryuk (none of which work here).
 */
final class ProfileStep implements SetupStep {
  private final Path file;
  private final String content;

  ProfileStep(SetupPaths paths) {
    this.file = paths.profileScript();
    this.content = content(paths.dockerHost());
  }

  static String content(String dockerHost) {
    return "# Written by aza-pg engine setup: docker CLI, Compose v2 and Testcontainers talk to podman.\n"
        + "export DOCKER_HOST="
        + dockerHost
        + "\n"
        + "# No BuildKit/buildx with podman: the legacy builder and no Bake.\n"
        + "export DOCKER_BUILDKIT=0\n"
        + "export COMPOSE_BAKE=false\n"
        + "# podman build must keep HEALTHCHECK: docker image format, not OCI.\n"
        + "export BUILDAH_FORMAT=docker\n"
        + "# Ryuk's image cannot be pulled without a registry; this host looks like a container.\n"
        + "export TESTCONTAINERS_RYUK_DISABLED=true\n"
        + "export TESTCONTAINERS_HOST_OVERRIDE=localhost\n";
  }

  @Override
  public String name() {
    return "profile";
  }

  @Override
  public Optional<String> pending() {
    try {
      boolean current =
          Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content);
      return current ? Optional.empty() : Optional.of("write " + file);
    } catch (IOException e) {
      return Optional.of("write " + file);
    }
  }

  @Override
  public void apply(Reporter reporter) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    reporter.info("new login shells get DOCKER_HOST; in this one run: . " + file);
  }
}
