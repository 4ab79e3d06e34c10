package io.azapg.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Drains one output stream of a child on its own thread, keeping the bytes and emitting lines. */
final class OutputPump {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final ByteArrayOutputStream pendingLine = new ByteArrayOutputStream();
  private final Thread thread;
  private final Channel channel;
  private final @Nullable LineSink sink;

  /** Receives complete lines from any pump; serialises calls to the listener. */
  interface LineSink {
    void line(Channel channel, String text);
  }

  private OutputPump(InputStream in, Channel channel, @Nullable LineSink sink, String name) {
    this.channel = channel;
    this.sink = sink;
    this.thread = new Thread(() -> drain(in), name);
    this.thread.setDaemon(true);
  }

  static OutputPump start(InputStream in, Channel channel, @Nullable LineSink sink, String name) {
    OutputPump pump = new OutputPump(in, channel, sink, name);
    pump.thread.start();
    return pump;
  }

  private void drain(InputStream in) {
    byte[] buffer = new byte[8192];
    LineSink lines = sink;
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (captured) {
          captured.write(buffer, 0, n);
        }
        if (lines != null) {
          split(lines, buffer, n);
        }
      }
    } catch (IOException e) {
      // The stream closes when the child is destroyed; what was read so far is kept.
    }
    if (lines != null && pendingLine.size() > 0) {
      emit(lines);
    }
  }

  private void split(LineSink lines, byte[] buffer, int length) {
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (buffer[i] == '\n') {
        pendingLine.write(buffer, start, i - start);
        emit(lines);
        start = i + 1;
      }
    }
    pendingLine.write(buffer, start, length - start);
  }

  private void emit(LineSink lines) {
    String line = pendingLine.toString(StandardCharsets.UTF_8);
    pendingLine.reset();
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    lines.line(channel, line);
  }

  /** Waits for end of stream; returns false if it did not come within the grace period. */
  boolean await(Duration grace) throws InterruptedException {
    thread.join(Math.max(1, grace.toMillis()));
    return !thread.isAlive();
  }

  /** What was read so far, decoded as UTF-8. */
  String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }
}
