package io.azapg.generate;

import java.util.List;

/**
 * What the image files are rendered from besides the catalog: the base image and the exact package
 * versions of each install layer, as {@code name=version} pins from the lock file.
 *
 * @param profile package profile name ({@code debian} or {@code pgdg})
 * @param suite Debian suite of the base image, e.g. {@code forky}
 * @param baseImage the base image reference, e.g. {@code localhost/aza-pg-base:forky}
 * @param postgresVersion PostgreSQL version installed, e.g. {@code 18.6}
 * @param runtimePins the PostgreSQL server and runtime packages (first install layer)
 * @param extensionPins the extension packages (second install layer)
 * @param jrePins the JDK used to jlink the in-image runtime's JRE (builder stage only)
 * @param gitBuildPins the toolchain for git-sourced extensions (builder stage only)
 */
public record ImageInputs(
    String profile,
    String suite,
    String baseImage,
    String postgresVersion,
    List<String> runtimePins,
    List<String> extensionPins,
    List<String> jrePins,
    List<String> gitBuildPins) {

  public ImageInputs {
    runtimePins = List.copyOf(runtimePins);
    extensionPins = List.copyOf(extensionPins);
    jrePins = List.copyOf(jrePins);
    gitBuildPins = List.copyOf(gitBuildPins);
  }
}
