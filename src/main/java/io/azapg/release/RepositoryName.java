package io.azapg.release;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A repository in a registry, e.g. {@code ghcr.io/acme/aza-pg} or {@code 127.0.0.1:5000/aza-pg}.
 * The first component must name the registry host (it has a dot or a port): {@code localhost/x} is
 * podman's name for an image that lives only on this machine, and a bare {@code aza-pg} would
 * silently mean Docker Hub.
 *
 * @param host the registry host, with its port if it has one
 * @param path the repository path inside the registry
 */
public record RepositoryName(String host, String path) {
  private static final Pattern PATH =
      Pattern.compile("^[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$");
  private static final Pattern HOST =
      Pattern.compile("^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\\[[0-9a-fA-F:]+\\](:[0-9]{1,5})?$");

  /** Parses a repository that can be pushed to; fails saying how to name one. */
  public static RepositoryName parse(String repository) {
    int slash = repository.indexOf('/');
    String first = slash < 0 ? "" : repository.substring(0, slash);
    boolean hasHost =
        slash > 0 && (first.contains(".") || first.contains(":")) && HOST.matcher(first).matches();
    if (!hasHost) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot push to \""
              + repository
              + "\": it names no registry host"
              + (first.equals("localhost")
                  ? " ('localhost/...' is the engine's name for images kept on this machine)"
                  : ""),
          List.of(
              "name the registry in the repository: --repository ghcr.io/OWNER/aza-pg, or"
                  + " 127.0.0.1:5000/aza-pg for a registry on this machine",
              "or set AZA_PG_REPOSITORY to such a name"));
    }
    String path = repository.substring(slash + 1);
    if (!PATH.matcher(path).matches()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "invalid repository path \"" + path + "\" in \"" + repository + "\"",
          List.of("use lower-case components separated by '/', e.g. ghcr.io/acme/aza-pg"));
    }
    return new RepositoryName(first.toLowerCase(Locale.ROOT), path);
  }

  /** {@code host/path}. */
  @Override
  public String toString() {
    return host + "/" + path;
  }

  /** {@code host/path:tag}. */
  public String withTag(String tag) {
    return this + ":" + tag;
  }

  /** {@code host/path@sha256:...}. */
  public String withDigest(String digest) {
    return this + "@" + digest;
  }

  /**
   * Whether the registry is on this machine's loopback interface. Only such registries are spoken
   * to over plain HTTP (and pulled from with {@code --tls-verify=false}); every other one needs
   * TLS.
   */
  public boolean isLoopback() {
    String name = host.startsWith("[") ? host.substring(1, host.indexOf(']')) : host.split(":")[0];
    if (name.equals("localhost")) {
      return true;
    }
    if (!name.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(name).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
