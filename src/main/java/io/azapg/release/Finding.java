package io.azapg.release;

/**
 * One problem a check found.
 *
 * @param check the check's name, e.g. {@code shellcheck}
 * @param problem what is wrong, naming the file
 */
public record Finding(String check, String problem) {
  @Override
  public String toString() {
    return check + ": " + problem;
  }
}
