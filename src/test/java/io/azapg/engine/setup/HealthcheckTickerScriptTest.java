package io.azapg.engine.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the healthcheck ticker for about eleven seconds against a fake podman (three containers) and
 * a fake curl that records each check: every container at its own interval, "starting" ones every
 * two seconds, never a check on a container without a health status, checks go through the API
 * socket.
 */
class HealthcheckTickerScriptTest {
  private static final Path SCRIPT =
      Path.of("src/main/resources/io/azapg/engine/healthcheck-ticker.sh");

  @TempDir Path tmp;

  @Test
  void eachContainerIsCheckedAtItsOwnCadence() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path calls = tmp.resolve("calls");
    script(
        bin.resolve("podman"),
        """
        #!/bin/sh
        case "$1" in
          ps) printf '%s\\n' 'aaa Up 3 seconds ago (starting)' 'bbb Up 2 hours ago (healthy)' \\
                'ccc Up 2 hours ago (healthy)' 'ddd Up 5 minutes ago' ;;
          inspect) case "$4" in aaa) echo 30s ;; bbb) echo 4s ;; ccc) echo 1m0s ;; esac ;;
          *) echo "podman $*" >> "$CALLS" ;;
        esac
        """);
    script(
        bin.resolve("curl"),
        """
        #!/bin/sh
        for a; do last="$a"; done
        id="${last#*containers/}"; id="${id%%/*}"
        echo "$id" >> "$CALLS"
        """);
    Path socket = tmp.resolve("podman.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString());
      pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
      pb.environment().put("CALLS", calls.toString());
      pb.environment().put("AZA_PG_TICKER_SOCKET", socket.toString());
      pb.redirectErrorStream(true).redirectOutput(tmp.resolve("ticker.log").toFile());
      Process ticker = pb.start();
      try {
        assertThat(ticker.waitFor(11_500, TimeUnit.MILLISECONDS))
            .as("the ticker runs until stopped: %s", Files.readString(tmp.resolve("ticker.log")))
            .isFalse();
      } finally {
        ticker.descendants().forEach(ProcessHandle::destroy);
        ticker.destroy();
        ticker.waitFor(5, TimeUnit.SECONDS);
      }
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (String id : Files.readAllLines(calls, StandardCharsets.UTF_8)) {
      counts.merge(id, 1, Integer::sum);
    }
    // 11.5 s: "starting" every 2 s (about 6), healthy every 4 s (3), healthy every 60 s (once).
    assertThat(counts.get("aaa")).isBetween(5, 7);
    assertThat(counts.get("bbb")).isBetween(2, 4);
    assertThat(counts.get("ccc")).isEqualTo(1);
    assertThat(counts).doesNotContainKey("ddd").doesNotContainKey("podman healthcheck run aaa");
    assertThat(counts.keySet()).isEqualTo(new java.util.TreeSet<>(List.of("aaa", "bbb", "ccc")));
  }

  private static void script(Path path, String text) throws Exception {
    Files.writeString(path, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
