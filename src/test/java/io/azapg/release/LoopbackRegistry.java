package io.azapg.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessRunner;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real registry (Debian's {@code docker-registry}, the CNCF distribution server) on a free
 * loopback port, with its storage in a temporary directory; stopped and deleted by {@link #close}.
 */
public final class LoopbackRegistry implements AutoCloseable {
  private static final Path SERVER = Path.of("/usr/bin/docker-registry");

  private final Path dir;
  private final long pid;
  private final int port;

  private LoopbackRegistry(Path dir, long pid, int port) {
    this.dir = dir;
    this.pid = pid;
    this.port = port;
  }

  public static LoopbackRegistry start() throws Exception {
    assertThat(SERVER)
        .as("the tests need a registry: apt-get install docker-registry (.ci/run does)")
        .isExecutable();
    Path dir = Files.createTempDirectory("aza-pg-it-registry-");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path config = dir.resolve("config.yml");
    Files.writeString(
        config,
        String.format(
            java.util.Locale.ROOT,
            """
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: %s
          delete:
            enabled: true
        http:
          addr: 127.0.0.1:%d
        """,
            dir.resolve("data"),
            port),
        StandardCharsets.UTF_8);
    ProcessRunner runner = new DefaultProcessRunner();
    long pid =
        runner.startDetached(
            ProcessSpec.of(SERVER.toString(), "serve", config.toString()).build(),
            dir.resolve("registry.log"));
    LoopbackRegistry registry = new LoopbackRegistry(dir, pid, port);
    registry.awaitReady();
    return registry;
  }

  /** {@code 127.0.0.1:PORT}. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** A fresh repository name in this registry. */
  public String repository(String name) {
    return host() + "/" + name;
  }

  private void awaitReady() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "docker-registry did not answer on "
            + host()
            + ":\n"
            + Files.readString(dir.resolve("registry.log")));
  }

  @Override
  public void close() throws IOException {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
