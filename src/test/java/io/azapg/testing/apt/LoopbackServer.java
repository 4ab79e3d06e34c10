package io.azapg.testing.apt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A static file server on 127.0.0.1 and a free port, enough HTTP/1.1 for apt and debootstrap (GET
 * and HEAD, one request per connection): each URL prefix maps to a directory. It keeps every
 * requested path, so a test can tell what was asked for. Containers reach it through the host
 * network.
 */
public final class LoopbackServer implements AutoCloseable {
  private final ServerSocket socket;
  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final Map<String, Path> roots = new ConcurrentHashMap<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  public LoopbackServer() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
    }
    Thread acceptor = new Thread(this::accept, "loopback-server-" + socket.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Serves {@code dir} under the URL path {@code prefix} (e.g. {@code /debian}). */
  public LoopbackServer serve(String prefix, Path dir) {
    roots.put(prefix.endsWith("/") ? prefix : prefix + "/", dir);
    return this;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** Every path requested so far, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        workers.execute(() -> answer(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void answer(Socket client) {
    try (client) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      String[] request = Optional.ofNullable(in.readLine()).orElse("").split(" ");
      for (String header = in.readLine(); header != null && !header.isEmpty(); ) {
        header = in.readLine();
      }
      OutputStream out = client.getOutputStream();
      if (request.length < 2) {
        return;
      }
      String path = request[1].replaceAll("\\?.*", "");
      requests.add(path);
      Optional<Path> file = find(path);
      if (file.isEmpty()) {
        out.write(head("404 Not Found", 0));
        return;
      }
      out.write(head("200 OK", Files.size(file.get())));
      if (request[0].equals("GET")) {
        Files.copy(file.get(), out);
      }
      out.flush();
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }

  private Optional<Path> find(String path) {
    for (Map.Entry<String, Path> root : roots.entrySet()) {
      if (path.startsWith(root.getKey())) {
        Path file = root.getValue().resolve(path.substring(root.getKey().length())).normalize();
        if (file.startsWith(root.getValue()) && Files.isRegularFile(file)) {
          return Optional.of(file);
        }
      }
    }
    return Optional.empty();
  }

  private static byte[] head(String status, long length) {
    return ("HTTP/1.1 "
            + status
            + "\r\nContent-Length: "
            + length
            + "\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    workers.shutdownNow();
  }
}
