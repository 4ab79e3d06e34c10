package io.azapg.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Drains one output stream of a child on its own thread, keeping the text (all of it, or only its
 * last {@code captureLimit} characters) and emitting lines as they come, long ones in pieces.
 */
final class OutputPump {
  /** The longest piece of a line handed to a listener. */
  static final int MAX_LINE = 64 * 1024;

  private final StringBuilder captured = new StringBuilder();
  private final int captureLimit;
  private final Thread thread;
  private final @Nullable BoundedLines lines;

  /** Receives complete lines from any pump; serialises calls to the listener. */
  interface LineSink {
    void line(Channel channel, String text);
  }

  private OutputPump(
      InputStream in, Channel channel, @Nullable LineSink sink, int captureLimit, String name) {
    this.captureLimit = captureLimit;
    this.lines = sink == null ? null : new BoundedLines(MAX_LINE, t -> sink.line(channel, t));
    this.thread = new Thread(() -> drain(in), name);
    this.thread.setDaemon(true);
  }

  /**
   * Starts draining.
   *
   * @param captureLimit how many of the last characters to keep ({@link Integer#MAX_VALUE}: all)
   */
  static OutputPump start(
      InputStream in, Channel channel, @Nullable LineSink sink, int captureLimit, String name) {
    OutputPump pump = new OutputPump(in, channel, sink, captureLimit, name);
    pump.thread.start();
    return pump;
  }

  private void drain(InputStream in) {
    char[] buffer = new char[8192];
    BoundedLines lines = this.lines;
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      int n;
      while ((n = reader.read(buffer)) >= 0) {
        capture(buffer, n);
        if (lines != null) {
          lines.accept(buffer, n);
        }
      }
    } catch (IOException e) {
      // The stream closes when the child is destroyed; what was read so far is kept.
    }
    if (lines != null) {
      lines.finish();
    }
  }

  private void capture(char[] buffer, int n) {
    synchronized (captured) {
      captured.append(buffer, 0, n);
      if (captureLimit != Integer.MAX_VALUE && captured.length() > 2L * captureLimit) {
        captured.delete(0, captured.length() - captureLimit);
      }
    }
  }

  /** Waits for end of stream; returns false if it did not come within the grace period. */
  boolean await(Duration grace) throws InterruptedException {
    thread.join(Math.max(1, grace.toMillis()));
    return !thread.isAlive();
  }

  /** What was read so far (its tail when a capture limit cut it). */
  String text() {
    synchronized (captured) {
      if (captured.length() > captureLimit) {
        return captured.substring(captured.length() - captureLimit);
      }
      return captured.toString();
    }
  }
}
