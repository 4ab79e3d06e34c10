package io.azapg.process;

/**
 * Receives a child's output line by line while it runs, for progress. Calls are serialised, so an
 * implementation need not be thread-safe; lines arrive already redacted.
 */
@FunctionalInterface
public interface LineListener {
  /** Ignores every line. */
  LineListener NONE = (channel, line) -> {};

  void onLine(Channel channel, String line);
}
