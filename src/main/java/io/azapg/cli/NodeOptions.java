package io.azapg.cli;

import io.azapg.stack.NodeSpec;
import picocli.CommandLine.Option;

/** Options naming the single node that up, down, status, logs and psql act on. */
final class NodeOptions {
  @Option(
      names = "--name",
      defaultValue = "aza-pg",
      description = "Container name (default: ${DEFAULT-VALUE}).")
  String name;

  /** A spec for commands that only need the name. */
  NodeSpec spec(String image, long memoryBytes, double cpus, String bind, int port, String db) {
    return new NodeSpec(
        name, image, memoryBytes, cpus, bind, port, db, Project.root().resolve(".aza-pg"));
  }

  NodeSpec byName() {
    return spec("unused", 1L << 30, 1, "127.0.0.1", 5432, "postgres");
  }
}
