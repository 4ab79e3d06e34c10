package io.azapg.engine.setup;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A unix-socket HTTP server that answers every request with a fixed status, or never. */
final class FakeApiServer implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Thread thread;

  FakeApiServer(Path socket, int status, boolean silent) throws IOException {
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    thread = new Thread(() -> serve(status, silent), "fake-api");
    thread.setDaemon(true);
    thread.start();
  }

  private void serve(int status, boolean silent) {
    while (server.isOpen()) {
      try (SocketChannel client = server.accept()) {
        client.read(ByteBuffer.allocate(1024));
        if (silent) {
          Thread.sleep(10_000);
        }
        client.write(
            ByteBuffer.wrap(
                ("HTTP/1.1 " + status + " X\r\nContent-Length: 2\r\n\r\nOK")
                    .getBytes(StandardCharsets.US_ASCII)));
      } catch (IOException | InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    thread.interrupt();
  }
}
