package io.azapg.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Answers a registry's {@code 401} challenge the way the engines do: {@code Basic} with the stored
 * login, or {@code Bearer} with a token fetched from the realm the challenge names (anonymously
 * when there is no login). The Authorization value is kept for the following requests.
 */
final class RegistryAuth {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final HttpClient http;
  private final RepositoryName repository;
  private final RegistryCredentials credentials;
  private volatile @Nullable String authorization;

  RegistryAuth(HttpClient http, RepositoryName repository, RegistryCredentials credentials) {
    this.http = http;
    this.repository = repository;
    this.credentials = credentials;
  }

  /** Sends the request; on a challenge, authenticates and sends it once more. */
  <T> HttpResponse<T> send(HttpRequest.Builder builder, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    if (authorization != null) {
      builder.setHeader("Authorization", authorization);
    }
    HttpResponse<T> response = http.send(builder.build(), handler);
    if (response.statusCode() != 401) {
      return response;
    }
    Optional<String> answer =
        response.headers().firstValue("WWW-Authenticate").flatMap(this::answer);
    if (answer.isEmpty()) {
      return response;
    }
    authorization = answer.get();
    builder.setHeader("Authorization", authorization);
    return http.send(builder.build(), handler);
  }

  private Optional<String> answer(String challenge) {
    Optional<String> basic = credentials.basic(repository.host());
    if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      return basic.map(b -> "Basic " + b);
    }
    if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      return Optional.empty();
    }
    String scope = params.getOrDefault("scope", "repository:" + repository.path() + ":pull,push");
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
    if (params.containsKey("service")) {
      url.append("service=").append(encode(params.get("service"))).append('&');
    }
    url.append("scope=").append(encode(scope));
    HttpRequest.Builder token =
        HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(30)).GET();
    basic.ifPresent(b -> token.header("Authorization", "Basic " + b));
    try {
      HttpResponse<String> response =
          http.send(token.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      JsonNode body = JSON.readTree(response.body());
      String value = body.path("token").asText(body.path("access_token").asText(""));
      return value.isBlank() ? Optional.empty() : Optional.of("Bearer " + value);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
