package io.azapg.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.generate.GeneratedFile;
import io.azapg.generate.GeneratedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a node was last started with, kept beside its secrets in {@code node.json}: {@code up}
 * compares a new request with it (a changed port, limit or address recreates the container; a
 * changed database is refused, because {@code POSTGRES_DB} only applies to an empty volume), and
 * {@code psql} and {@code status} read the node's database and address from it.
 *
 * @param image the image reference it runs
 * @param memoryBytes its memory limit
 * @param cpus its CPU limit
 * @param bindAddress the host address its port is published on
 * @param port the host port
 * @param database the database created at its first start
 */
public record NodeRecord(
    String image, long memoryBytes, double cpus, String bindAddress, int port, String database) {
  static final String FILE = "node.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The record of a spec. */
  public static NodeRecord of(NodeSpec spec) {
    return new NodeRecord(
        spec.image(),
        spec.memoryBytes(),
        spec.cpus(),
        spec.bindAddress(),
        spec.port(),
        spec.database());
  }

  /** The record in a node's state directory; empty when the node was never started. */
  public static Optional<NodeRecord> read(Path nodeDir) {
    Path file = nodeDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      return Optional.of(
          new NodeRecord(
              required(n, "image", file).asText(),
              required(n, "memoryBytes", file).asLong(),
              required(n, "cpus", file).asDouble(),
              required(n, "bindAddress", file).asText(),
              required(n, "port", file).asInt(),
              required(n, "database", file).asText()));
    } catch (IOException e) {
      throw unreadable(file, Objects.toString(e.getMessage(), e.toString()));
    }
  }

  /** Writes the record (temporary file, then rename). */
  void write(Path nodeDir) {
    ObjectNode n = JSON.createObjectNode();
    n.put("image", image);
    n.put("memoryBytes", memoryBytes);
    n.put("cpus", cpus);
    n.put("bindAddress", bindAddress);
    n.put("port", port);
    n.put("database", database);
    new GeneratedFiles(nodeDir).write(List.of(new GeneratedFile(FILE, n.toPrettyString() + "\n")));
  }

  /** Removes the record (with the node's data). */
  static void delete(Path nodeDir) {
    try {
      Files.deleteIfExists(nodeDir.resolve(FILE));
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot remove " + nodeDir.resolve(FILE) + ": " + e.getMessage(),
          List.of("remove it by hand; the next 'up' starts from the defaults"));
    }
  }

  /**
   * What differs from {@code wanted} and needs a new container, as option names with both values,
   * e.g. {@code --port 5433 (was 5432)}; empty when the container can stay.
   */
  List<String> containerChanges(NodeRecord wanted) {
    List<String> changes = new ArrayList<>();
    if (memoryBytes != wanted.memoryBytes) {
      changes.add("--memory " + mb(wanted.memoryBytes) + " (was " + mb(memoryBytes) + ")");
    }
    if (Double.compare(cpus, wanted.cpus) != 0) {
      changes.add("--cpus " + num(wanted.cpus) + " (was " + num(cpus) + ")");
    }
    if (!bindAddress.equals(wanted.bindAddress)) {
      changes.add("--bind " + wanted.bindAddress + " (was " + bindAddress + ")");
    }
    if (port != wanted.port) {
      changes.add("--port " + wanted.port + " (was " + port + ")");
    }
    return changes;
  }

  private static String mb(long bytes) {
    return bytes / (1 << 20) + "MB";
  }

  private static String num(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%s", value);
  }

  private static JsonNode required(JsonNode n, String field, Path file) {
    JsonNode v = n.path(field);
    if (v.isMissingNode() || v.isNull()) {
      throw unreadable(file, "no \"" + field + "\"");
    }
    return v;
  }

  private static AzaPgException unreadable(Path file, String why) {
    return new AzaPgException(
        ExitCode.INVALID_INPUT,
        "cannot read the node record " + file + ": " + why,
        List.of(
            "delete it to let 'up' start from the options given (the data volume is not touched)"));
  }
}
