package io.azapg.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token dance of a registry like ghcr.io, answered by a stand-in server on loopback: a 401 with
 * a Bearer challenge, a token from the realm for the stored login, the request again with it.
 */
@SuppressForbidden(reason = "jdk.httpserver is a supported JDK module, used as a stand-in registry")
class RegistryAuthTest {
  private static final String LOGIN = "ci-user:ci-token-123";
  private static final byte[] MANIFEST = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);

  private HttpServer server;
  private final List<String> tokenRequests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext(
        "/token",
        ex -> {
          tokenRequests.add(ex.getRequestURI().getQuery());
          String auth = ex.getRequestHeaders().getFirst("Authorization");
          String expected =
              "Basic " + Base64.getEncoder().encodeToString(LOGIN.getBytes(StandardCharsets.UTF_8));
          respond(
              ex,
              expected.equals(auth) ? 200 : 401,
              "{\"token\":\"tok-1\"}".getBytes(StandardCharsets.UTF_8),
              "application/json");
        });
    server.createContext(
        "/v2/acme/aza-pg/manifests/18",
        ex -> {
          if ("Bearer tok-1".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            respond(ex, 200, MANIFEST, Manifest.OCI_MANIFEST);
          } else {
            ex.getResponseHeaders()
                .add(
                    "WWW-Authenticate",
                    "Bearer realm=\""
                        + base
                        + "/token\",service=\"reg\",scope=\"repository:acme/aza-pg:pull\"");
            respond(ex, 401, new byte[0], "application/json");
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void bearerChallenge_isAnsweredWithATokenForTheStoredLogin(@TempDir Path dir) throws IOException {
    Path auth = authFile(dir, LOGIN);
    Registry registry = registry(auth);
    Manifest m = registry.manifest("18").orElseThrow();
    assertThat(m.bytes()).isEqualTo(MANIFEST);
    assertThat(m.mediaType()).isEqualTo(Manifest.OCI_MANIFEST);
    assertThat(tokenRequests).containsExactly("service=reg&scope=repository:acme/aza-pg:pull");
  }

  @Test
  void wrongLogin_failsWithHowToLogIn(@TempDir Path dir) throws IOException {
    Registry registry = registry(authFile(dir, "ci-user:wrong"));
    assertThatThrownBy(() -> registry.manifest("18"))
        .hasMessageContaining("HTTP 401")
        .satisfies(
            e ->
                assertThat(((io.azapg.common.AzaPgException) e).hints())
                    .anyMatch(h -> h.startsWith("log in first: podman login 127.0.0.1:")));
  }

  private Registry registry(Path authFile) {
    RepositoryName repo =
        RepositoryName.parse("127.0.0.1:" + server.getAddress().getPort() + "/acme/aza-pg");
    return new Registry(
        repo,
        RegistryCredentials.fromEnvironment(Map.of("REGISTRY_AUTH_FILE", authFile.toString())));
  }

  private Path authFile(Path dir, String login) throws IOException {
    String host = "127.0.0.1:" + server.getAddress().getPort();
    Path file = dir.resolve("auth.json");
    Files.writeString(
        file,
        "{\"auths\":{\""
            + host
            + "\":{\"auth\":\""
            + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8))
            + "\"}}}");
    return file;
  }

  private static void respond(HttpExchange ex, int status, byte[] body, String type)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }
}
