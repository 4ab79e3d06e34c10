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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the healthcheck ticker for about eleven seconds against a fake podman and a fake curl that
 * answer for the same containers and record each call: every container at its own interval,
 * "starting" ones every two seconds, never a check on a container without a health status. With the
 * API socket no podman process is started at all (each costs about 0.1 s of CPU); with its event
 * stream an idle ticker lists nothing until a container starts; without the stream it lists every
 * four seconds; without the socket, the podman CLI does the same work.
 */
class HealthcheckTickerScriptTest {
  private static final Path SCRIPT =
      Path.of("src/main/resources/io/azapg/engine/healthcheck-ticker.sh");
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String C = "c".repeat(64);
  private static final String D = "d".repeat(64);
  private static final String E = "e".repeat(64);

  @TempDir Path tmp;

  @Test
  void throughTheSocket_eachContainerAtItsOwnCadence_andNoPodmanProcess() throws Exception {
    // the fake's event stream fails at once, as before the service answers: polling every 4 s
    runTickerOnASocket(Map.of());
    Map<String, Integer> counts = counts();
    // 11.5 s: "starting" every 2 s (about 6), healthy every 4 s (3), healthy every 60 s (once).
    assertThat(counts.get("check " + A)).isBetween(5, 7);
    assertThat(counts.get("check " + B)).isBetween(2, 4);
    assertThat(counts.get("check " + C)).isEqualTo(1);
    // E is listed (a label named Id, say) but has no healthcheck of its own: never checked
    assertThat(counts.keySet())
        .isEqualTo(new TreeSet<>(List.of("check " + A, "check " + B, "check " + C)));
    // listed every 4 s (two requests each time), each interval read once
    List<String> api = Files.readAllLines(tmp.resolve("api"), StandardCharsets.UTF_8);
    assertThat(api.stream().filter(l -> l.startsWith("list")).count()).isBetween(4L, 8L);
    assertThat(api.stream().filter(l -> l.startsWith("inspect")).distinct().sorted())
        .containsExactly("inspect " + A, "inspect " + B, "inspect " + C, "inspect " + E);
    for (String id : List.of(A, B, C)) {
      assertThat(api).filteredOn(("inspect " + id)::equals).hasSize(1);
    }
  }

  @Test
  void withTheEventStream_listsOnlyWhenAContainerStarts() throws Exception {
    // nothing is starting; D starts after 5 s, announced on the event stream
    runTickerOnASocket(Map.of("NO_STARTING", "1", "EVENTS_AFTER", "5"));
    Map<String, Integer> counts = counts();
    assertThat(counts.get("check " + B)).isBetween(2, 4);
    assertThat(counts.get("check " + C)).isEqualTo(1);
    // D (every 2 s) is checked from its start on: at about 5, 7, 9 and 11 s
    assertThat(counts.get("check " + D)).isBetween(3, 4);
    assertThat(counts.keySet())
        .isEqualTo(new TreeSet<>(List.of("check " + B, "check " + C, "check " + D)));
    // listed twice (two requests each time): at the start and when D started; no polling
    List<String> api = Files.readAllLines(tmp.resolve("api"), StandardCharsets.UTF_8);
    assertThat(api.stream().filter(l -> l.startsWith("list"))).hasSize(4);
    assertThat(api).filteredOn("events"::equals).hasSize(1);
  }

  @Test
  void withoutTheSocket_thePodmanCliDoesTheSameWork() throws Exception {
    runTicker(fakes(), tmp.resolve("no-such.sock"));
    Map<String, Integer> counts = counts();
    assertThat(counts.get("podman healthcheck run aaa")).isBetween(5, 7);
    assertThat(counts.get("podman healthcheck run bbb")).isBetween(2, 4);
    assertThat(counts.get("podman healthcheck run ccc")).isEqualTo(1);
    assertThat(counts.keySet())
        .isEqualTo(
            new TreeSet<>(
                List.of(
                    "podman healthcheck run aaa",
                    "podman healthcheck run bbb",
                    "podman healthcheck run ccc")));
  }

  /** A fake podman (CLI) and a fake curl (API) for the same four containers. */
  private Path fakes() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
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
    String json = "{\"Config\":{\"Healthcheck\":{\"Test\":[\"CMD\",\"x\"],\"Interval\":%d}}}";
    // EVENTS_AFTER: the event stream announces D's start after that many seconds and stays open
    // (D is listed from then on); without it the stream fails at once, as without the service.
    script(
        bin.resolve("curl"),
        String.format(
            Locale.ROOT,
            """
        #!/bin/bash
        for a; do last="$a"; done
        case "$last" in
          *'/events?'*)
            echo "events" >> "$API"
            [ -n "${EVENTS_AFTER:-}" ] || exit 7
            sleep "$EVENTS_AFTER"; touch "$API.started"
            printf '{"status":"start","id":"%8$s","Type":"container","Action":"start"}\\n'
            exec sleep 60 ;;
          *'/containers/json?filters='*starting*)
            echo "list starting" >> "$API"
            if [ -n "${NO_STARTING:-}" ]; then echo '[]'; exit 0; fi
            printf '[{"Id":"%1$s","Labels":{"x":"{\\\\"Id\\\\":\\\\"%2$s\\\\"}"},"Status":"starting"}]\\n' ;;
          *'/containers/json?filters='*)
            echo "list settled" >> "$API"
            d=''; if [ -e "$API.started" ]; then d=',{"Id":"%8$s","Status":"healthy"}'; fi
            printf '[{"Id":"%2$s","Status":"healthy"},{"Id":"%3$s","Status":"healthy"},{"Labels":{"Id":"%4$s"}}%%s]\\n' "$d" ;;
          *'/containers/'*/json)
            id="${last#*containers/}"; id="${id%%%%/*}"; echo "inspect $id" >> "$API"
            case "$id" in
              %1$s) printf '%5$s\\n' ;;
              %2$s) printf '%6$s\\n' ;;
              %3$s) printf '%7$s\\n' ;;
              %4$s) printf '{"Config":{"Labels":{"Interval":"5"}}}\\n' ;;
              %8$s) printf '%9$s\\n' ;;
              *) exit 22 ;;
            esac ;;
          *'/containers/'*/healthcheck)
            id="${last#*containers/}"; id="${id%%%%/*}"; echo "check $id" >> "$CALLS" ;;
          *) echo "unexpected $last" >> "$CALLS" ;;
        esac
        """,
            A,
            B,
            C,
            E,
            String.format(Locale.ROOT, json, 30_000_000_000L),
            String.format(Locale.ROOT, json, 4_000_000_000L),
            String.format(Locale.ROOT, json, 60_000_000_000L),
            D,
            String.format(Locale.ROOT, json, 2_000_000_000L)));
    return bin;
  }

  private void runTickerOnASocket(Map<String, String> env) throws Exception {
    Path bin = fakes();
    Path socket = tmp.resolve("podman.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      runTicker(bin, socket, env);
    }
  }

  private void runTicker(Path bin, Path socket) throws Exception {
    runTicker(bin, socket, Map.of());
  }

  private void runTicker(Path bin, Path socket, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString());
    pb.environment().putAll(env);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("CALLS", tmp.resolve("calls").toString());
    pb.environment().put("API", tmp.resolve("api").toString());
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

  private Map<String, Integer> counts() throws Exception {
    Map<String, Integer> counts = new TreeMap<>();
    for (String line : Files.readAllLines(tmp.resolve("calls"), StandardCharsets.UTF_8)) {
      counts.merge(line, 1, Integer::sum);
    }
    return counts;
  }

  private static void script(Path path, String text) throws Exception {
    Files.writeString(path, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
