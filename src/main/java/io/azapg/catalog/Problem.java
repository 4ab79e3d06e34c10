package io.azapg.catalog;

/**
 * One problem found in a catalog, at a path such as {@code extensions[12].dependencies[0]}.
 *
 * @param path where the problem is, in dotted/indexed form ({@code $} for the whole document)
 * @param message what is wrong and, where possible, how to fix it
 */
public record Problem(String path, String message) implements Comparable<Problem> {
  @Override
  public String toString() {
    return path + ": " + message;
  }

  @Override
  public int compareTo(Problem other) {
    return PathOrder.INSTANCE.compare(this.path, other.path);
  }
}
