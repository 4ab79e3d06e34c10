package io.azapg.process;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/** What a child process reads on stdin: nothing (immediate end of file), bytes, or a file. */
public sealed interface ProcessInput {
  /** No input: the child sees end of file at once. */
  static ProcessInput none() {
    return None.INSTANCE;
  }

  static ProcessInput bytes(byte[] data) {
    return new Bytes(data);
  }

  static ProcessInput file(Path path) {
    return new FromFile(path);
  }

  /** End of file at once. */
  enum None implements ProcessInput {
    INSTANCE
  }

  /** Bytes written to the child's stdin by a separate thread, then closed. */
  record Bytes(byte[] data) implements ProcessInput {
    public Bytes {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Bytes[" + data.length + " bytes]";
    }
  }

  /** The child's stdin is redirected from a file (for large inputs such as tar archives). */
  record FromFile(Path path) implements ProcessInput {
    public FromFile {
      Objects.requireNonNull(path, "path");
    }
  }
}
