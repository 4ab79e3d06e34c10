package io.azapg.cli;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.tune.ByteSize;
import io.azapg.tune.Tuner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The single node's options checked before any image is built or container started: each refusal
 * names the option, the value, why, and what to write instead.
 */
final class NodeLimits {
  /** PostgreSQL's identifier limit (NAMEDATALEN - 1). */
  private static final int MAX_NAME_BYTES = 63;

  private NodeLimits() {}

  static void check(long memoryBytes, double cpus, int port, String database, HostCapacity host) {
    if (memoryBytes < Tuner.MINIMUM_MEMORY.bytes()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--memory "
              + new ByteSize(memoryBytes)
              + " is below the "
              + Tuner.MINIMUM_MEMORY
              + " PostgreSQL needs to run tuned",
          List.of("give the node at least 512MB: --memory 1GB"));
    }
    if (host.memoryBytes().isPresent() && memoryBytes > host.memoryBytes().getAsLong()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--memory "
              + new ByteSize(memoryBytes)
              + " is more than this machine has ("
              + new ByteSize(host.memoryBytes().getAsLong())
              + "): the server would be tuned for memory it cannot get",
          List.of("give at most the machine's memory, e.g. --memory 1GB"));
    }
    if (!(cpus > 0) || Double.isInfinite(cpus)) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--cpus " + format(cpus) + " is not a CPU limit: it must be above 0",
          List.of("e.g. --cpus 1 or --cpus 0.5"));
    }
    if (cpus > host.cpus()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--cpus "
              + format(cpus)
              + " is more than this machine's "
              + host.cpus()
              + " CPU"
              + (host.cpus() == 1 ? "" : "s"),
          List.of("give at most --cpus " + host.cpus()));
    }
    if (port < 1 || port > 65535) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--port " + port + " is not a TCP port",
          List.of("use a port from 1 to 65535, e.g. --port 5432"));
    }
    if (database.isEmpty()
        || database.chars().anyMatch(Character::isISOControl)
        || database.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--database \""
              + printable(database)
              + "\" is not a database name PostgreSQL accepts: 1 to 63 bytes, no control"
              + " characters",
          List.of("e.g. --database app"));
    }
  }

  private static String format(double cpus) {
    return cpus == Math.rint(cpus) && !Double.isInfinite(cpus)
        ? Long.toString((long) cpus)
        : String.format(Locale.ROOT, "%s", cpus);
  }

  private static String printable(String value) {
    StringBuilder b = new StringBuilder();
    value
        .codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                b.append(String.format(Locale.ROOT, "\\x%02x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }
}
