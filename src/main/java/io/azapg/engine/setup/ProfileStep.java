package io.azapg.engine.setup;

import io.azapg.common.Reporter;
import io.azapg.engine.TextFile;
import java.util.Optional;

/**
 * Writes the login-shell environment that points the docker CLI, Compose v2 and Testcontainers at
 * the podman socket and keeps them off BuildKit, Bake and Ryuk (none of which work here).
 */
final class ProfileStep implements SetupStep {
  private final TextFile file;
  private final String content;

  ProfileStep(SetupPaths paths) {
    this.file = new TextFile(paths.profileScript());
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
    return file.readOrEmpty().equals(content)
        ? Optional.empty()
        : Optional.of("write " + file.path());
  }

  @Override
  public void apply(Reporter reporter) {
    file.write(content);
    reporter.info("new login shells get DOCKER_HOST; in this one run: . " + file.path());
  }
}
