package io.azapg.process;

/** Which output stream of a child process a line came from. */
public enum Channel {
  STDOUT,
  STDERR
}
