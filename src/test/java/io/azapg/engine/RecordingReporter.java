package io.azapg.engine;

import io.azapg.common.Reporter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A reporter that keeps every message, prefixed with its level, for assertions. */
public final class RecordingReporter implements Reporter {
  private final List<String> messages = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void info(String message) {
    messages.add("info: " + message);
  }

  @Override
  public void warn(String message) {
    messages.add("warn: " + message);
  }

  @Override
  public void debug(String message) {
    messages.add("debug: " + message);
  }

  public List<String> messages() {
    return List.copyOf(messages);
  }
}
