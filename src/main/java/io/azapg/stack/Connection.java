package io.azapg.stack;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach a running node.
 *
 * @param host host address
 * @param port host port
 * @param user superuser name
 * @param database database name
 * @param passwordFile the file holding the password (mode 0600)
 */
public record Connection(String host, int port, String user, String database, Path passwordFile) {
  /** The password, for the caller that must hand it to a client (never to a log). */
  public String readPassword() {
    Path file = passwordFile.toAbsolutePath();
    return new SecretStore(Objects.requireNonNull(file.getParent(), "the file system root"))
        .read(String.valueOf(file.getFileName()));
  }

  /** A connection URI without the password. */
  public String uri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "postgresql://" + user + "@" + h + ":" + port + "/" + database;
  }
}
