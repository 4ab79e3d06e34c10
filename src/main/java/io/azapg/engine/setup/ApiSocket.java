package io.azapg.engine.setup;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Asks a Docker-compatible API socket for {@code /_ping}, the way the docker CLI checks it. */
final class ApiSocket {
  private final Path socket;

  ApiSocket(Path socket) {
    this.socket = socket;
  }

  /** Whether the socket answers {@code GET /_ping} with 200 OK within the timeout. */
  boolean answers(Duration timeout) {
    if (!Files.exists(socket)) {
      return false;
    }
    SocketChannel[] channel = new SocketChannel[1];
    CompletableFuture<Boolean> ping =
        CompletableFuture.supplyAsync(
            () -> {
              try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                channel[0] = c;
                c.write(
                    ByteBuffer.wrap(
                        "GET /_ping HTTP/1.0\r\nHost: podman\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                while (c.read(buffer) >= 0 && buffer.hasRemaining()) {
                  // HTTP/1.0: the server closes the connection after the response.
                }
                String response =
                    new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
                return response.startsWith("HTTP/1.") && response.split(" ", 3)[1].equals("200");
              } catch (IOException | RuntimeException e) {
                return false;
              }
            });
    try {
      return ping.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      close(channel[0]);
      return false;
    }
  }

  /** Waits up to the timeout for the socket to answer. */
  boolean awaitAnswer(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (answers(Duration.ofSeconds(2))) {
        return true;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return answers(Duration.ofSeconds(2));
  }

  private static void close(SocketChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Closing only unblocks the reader; nothing else to do.
      }
    }
  }
}
