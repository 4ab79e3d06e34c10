package io.azapg.release;

import java.util.List;

/**
 * One package from an image's dpkg database.
 *
 * @param name the binary package name
 * @param version its exact Debian version
 * @param architecture {@code amd64}, {@code arm64} or {@code all}
 * @param licenses the {@code License:} values of its machine-readable copyright file; empty when
 *     the file is not in that format
 */
public record DebianPackage(
    String name, String version, String architecture, List<String> licenses) {
  public DebianPackage {
    licenses = List.copyOf(licenses);
  }
}
