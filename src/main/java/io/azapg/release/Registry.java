package io.azapg.release;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One repository in a registry, spoken to through the OCI distribution API: manifests read and
 * written by digest or tag, blobs checked and uploaded. A loopback registry is spoken to over plain
 * HTTP; every other one over HTTPS with certificate checks.
 */
public final class Registry {
  private static final String ACCEPT =
      String.join(
          ", ",
          Manifest.OCI_INDEX,
          Manifest.OCI_MANIFEST,
          Manifest.DOCKER_LIST,
          Manifest.DOCKER_V2);

  private final RepositoryName repository;
  private final HttpClient http;
  private final RegistryAuth auth;

  public Registry(RepositoryName repository, RegistryCredentials credentials) {
    this.repository = repository;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.auth = new RegistryAuth(http, repository, credentials);
  }

  public RepositoryName repository() {
    return repository;
  }

  /** The manifest a tag or digest names; empty when the registry has none. */
  public Optional<Manifest> manifest(String reference) {
    HttpResponse<byte[]> response =
        send(
            request("/manifests/" + reference).header("Accept", ACCEPT).GET(),
            HttpResponse.BodyHandlers.ofByteArray(),
            "read manifest " + reference);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    expect(response, 200, "read manifest " + reference);
    String type =
        response.headers().firstValue("Content-Type").orElse(Manifest.OCI_MANIFEST).split(";")[0];
    return Optional.of(new Manifest(type.strip(), response.body()));
  }

  /** Stores a manifest under a tag or its digest; returns the digest the registry computed. */
  public String putManifest(String reference, Manifest manifest) {
    HttpResponse<byte[]> response =
        send(
            request("/manifests/" + reference)
                .header("Content-Type", manifest.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())),
            HttpResponse.BodyHandlers.ofByteArray(),
            "store manifest " + reference);
    expect(response, 201, "store manifest " + reference);
    String digest =
        response.headers().firstValue("Docker-Content-Digest").orElse(manifest.digest());
    if (!digest.equals(manifest.digest())) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          repository
              + " stored manifest "
              + reference
              + " as "
              + digest
              + ", expected "
              + manifest.digest());
    }
    return digest;
  }

  /** A blob's content (small blobs only: configs). */
  public byte[] blob(String digest) {
    HttpResponse<byte[]> response =
        send(
            request("/blobs/" + digest).GET(),
            HttpResponse.BodyHandlers.ofByteArray(),
            "read blob " + digest);
    expect(response, 200, "read blob " + digest);
    return response.body();
  }

  /** Whether the repository already has this blob. */
  public boolean hasBlob(String digest) {
    HttpResponse<Void> response =
        send(
            request("/blobs/" + digest).method("HEAD", HttpRequest.BodyPublishers.noBody()),
            HttpResponse.BodyHandlers.discarding(),
            "check blob " + digest);
    return response.statusCode() == 200;
  }

  /**
   * Asks the registry to link a blob it already holds in another of its repositories into this one
   * (a cross-repository mount: nothing is uploaded). False when it does not: the source lacks the
   * blob, or the registry or the credentials do not allow it (it then opens an upload instead,
   * which is cancelled here).
   */
  public boolean mountBlob(String digest, RepositoryName from) {
    if (!from.host().equals(repository.host()) || from.equals(repository)) {
      return false;
    }
    HttpResponse<byte[]> response =
        send(
            request(
                    "/blobs/uploads/?mount="
                        + digest
                        + "&from="
                        + java.net.URLEncoder.encode(from.path(), StandardCharsets.UTF_8))
                .POST(HttpRequest.BodyPublishers.noBody()),
            HttpResponse.BodyHandlers.ofByteArray(),
            "mount " + digest + " from " + from);
    if (response.statusCode() == 201) {
      return true;
    }
    if (response.statusCode() == 202) {
      // An upload session opened instead; close it (a failure to do so leaves only a stale session
      // the registry expires).
      response
          .headers()
          .firstValue("Location")
          .ifPresent(
              location -> {
                try {
                  send(
                      HttpRequest.newBuilder(base().resolve(location))
                          .timeout(Duration.ofMinutes(2))
                          .DELETE(),
                      HttpResponse.BodyHandlers.discarding(),
                      "cancel the upload of " + digest);
                } catch (AzaPgException e) {
                  // see above
                }
              });
    }
    return false;
  }

  /** Uploads a blob in one request (the registry checks the digest). */
  public void uploadBlob(String digest, Path file) {
    HttpResponse<byte[]> start =
        send(
            request("/blobs/uploads/").POST(HttpRequest.BodyPublishers.noBody()),
            HttpResponse.BodyHandlers.ofByteArray(),
            "start upload of " + digest);
    expect(start, 202, "start upload of " + digest);
    String location =
        start
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new AzaPgException(
                        ExitCode.ENGINE, repository.host() + " gave no upload location"));
    URI target = base().resolve(location);
    String query = (target.getQuery() == null ? "" : "&") + "digest=" + digest;
    URI put = URI.create(target + (target.getQuery() == null ? "?" : "") + query);
    HttpRequest.Builder upload;
    try {
      upload =
          HttpRequest.newBuilder(put)
              .timeout(Duration.ofMinutes(30))
              .header("Content-Type", "application/octet-stream")
              .PUT(HttpRequest.BodyPublishers.ofFile(file));
    } catch (IOException e) {
      throw new AzaPgException(ExitCode.ENGINE, "cannot read " + file + ": " + e.getMessage());
    }
    expect(
        send(upload, HttpResponse.BodyHandlers.ofByteArray(), "upload " + digest),
        201,
        "upload " + digest);
  }

  private HttpRequest.Builder request(String suffix) {
    return HttpRequest.newBuilder(base().resolve("/v2/" + repository.path() + suffix))
        .timeout(Duration.ofMinutes(2));
  }

  private URI base() {
    return URI.create((repository.isLoopback() ? "http://" : "https://") + repository.host() + "/");
  }

  private <T> HttpResponse<T> send(
      HttpRequest.Builder builder, HttpResponse.BodyHandler<T> handler, String what) {
    try {
      return auth.send(builder, handler);
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "cannot " + what + " in " + repository + ": " + e.getMessage(),
          List.of(
              "check that the registry answers: curl "
                  + base().resolve("/v2/")
                  + (repository.isLoopback() ? "" : " (HTTPS is required off the loopback)")));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AzaPgException(ExitCode.INTERNAL, "interrupted while trying to " + what);
    }
  }

  private void expect(HttpResponse<?> response, int status, String what) {
    if (response.statusCode() == status) {
      return;
    }
    String body =
        response.body() instanceof byte[] b
            ? new String(b, java.nio.charset.StandardCharsets.UTF_8).strip()
            : "";
    if (body.length() > 400) {
      body = body.substring(0, 400) + " ...";
    }
    boolean denied = response.statusCode() == 401 || response.statusCode() == 403;
    throw new AzaPgException(
        ExitCode.ENGINE,
        "cannot "
            + what
            + " in "
            + repository
            + ": HTTP "
            + response.statusCode()
            + (body.isEmpty() ? "" : " " + body),
        denied
            ? List.of("log in first: podman login " + repository.host())
            : List.of("check the registry's log"));
  }
}
