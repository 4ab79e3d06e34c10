package io.azapg.engine.setup;

import java.nio.file.Path;
import java.util.List;

/**
 * Every host path engine setup writes or checks; {@link #under} roots them in a directory so tests
 * never touch the real host.
 *
 * @param containersConf podman's system-wide configuration
 * @param profileScript the login-shell environment for docker CLI, Compose and Testcontainers
 * @param stateDir pid files and logs of the daemons setup starts
 * @param libexecDir where the healthcheck ticker script is installed
 * @param composePlugin the Compose v2 docker CLI plugin
 * @param dockerClients where a docker CLI counts as installed
 * @param dockerInstall where setup installs the docker CLI when there is none
 * @param socket the podman API socket
 */
public record SetupPaths(
    Path containersConf,
    Path profileScript,
    Path stateDir,
    Path libexecDir,
    Path composePlugin,
    List<Path> dockerClients,
    Path dockerInstall,
    Path socket) {

  public SetupPaths {
    dockerClients = List.copyOf(dockerClients);
  }

  /** The real locations on this host. */
  public static SetupPaths standard() {
    return under(Path.of("/"));
  }

  /** The same layout below another root directory. */
  public static SetupPaths under(Path root) {
    return new SetupPaths(
        root.resolve("etc/containers/containers.conf"),
        root.resolve("etc/profile.d/aza-pg-engine.sh"),
        root.resolve("var/lib/aza-pg"),
        root.resolve("usr/local/libexec/aza-pg"),
        root.resolve("usr/local/libexec/docker/cli-plugins/docker-compose"),
        List.of(root.resolve("usr/local/bin/docker"), root.resolve("usr/bin/docker")),
        root.resolve("usr/local/bin/docker"),
        root.resolve("run/podman/podman.sock"));
  }

  /** The socket as a DOCKER_HOST value. */
  public String dockerHost() {
    return "unix://" + socket;
  }

  public Path tickerScript() {
    return libexecDir.resolve("healthcheck-ticker");
  }

  Path tickerPidFile() {
    return stateDir.resolve("healthcheck-ticker.pid");
  }

  Path tickerLog() {
    return stateDir.resolve("healthcheck-ticker.log");
  }

  Path servicePidFile() {
    return stateDir.resolve("podman-service.pid");
  }

  Path serviceLog() {
    return stateDir.resolve("podman-service.log");
  }
}
