package io.azapg.stack;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A single-node deployment: which image, under what name, with what limits and where it listens.
 *
 * @param name container name; the data volume is {@code <name>-data}
 * @param image image reference
 * @param memoryBytes memory limit of the container
 * @param cpus CPU limit of the container
 * @param bindAddress host address the port is published on (loopback by default)
 * @param port host port
 * @param database the database created at first start
 * @param stateDir where generated secrets are kept (mode 0700)
 */
public record NodeSpec(
    String name,
    String image,
    long memoryBytes,
    double cpus,
    String bindAddress,
    int port,
    String database,
    Path stateDir) {
  private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$");

  public NodeSpec {
    if (!NAME.matcher(name).matches()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "invalid name \"" + name + "\": use letters, digits, '_', '.' or '-' (up to 63)",
          List.of("e.g. --name aza-pg"));
    }
    if (port < 1 || port > 65535) {
      throw new AzaPgException(ExitCode.INVALID_INPUT, "invalid port " + port + ": use 1-65535");
    }
    if (cpus <= 0) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "invalid --cpus " + cpus + ": must be above 0");
    }
  }

  /** The named volume that holds the data directory. */
  public String volume() {
    return name + "-data";
  }

  /** The secret directory of this node. */
  public Path secrets() {
    return stateDir.resolve(name);
  }
}
