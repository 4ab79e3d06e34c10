package io.azapg.generate;

import java.util.List;

/**
 * What the image files are rendered from besides the catalog: the exact package versions of each
 * install layer, as {@code name=version} pins from the lock file, and the archive state they were
 * resolved against. (The base image is not part of them: the build passes it by digest.)
 *
 * @param profile package profile name ({@code debian})
 * @param suite Debian suite of the base image, e.g. {@code forky}
 * @param postgresVersion PostgreSQL version installed, e.g. {@code 18.6}
 * @param runtimePins the PostgreSQL server and runtime packages (first install layer)
 * @param extensionPins the extension packages (second install layer)
 * @param jrePins the JDK used to jlink the in-image runtime's JRE (builder stage only)
 * @param gitBuildPins the toolchain for git-sourced extensions (builder stage only)
 * @param snapshots the archive states ({@code suite/timestamp}) on snapshot.debian.org a build
 *     fetches pinned versions from when its mirror no longer has them; empty without a recorded
 *     state
 */
public record ImageInputs(
    String profile,
    String suite,
    String postgresVersion,
    List<String> runtimePins,
    List<String> extensionPins,
    List<String> jrePins,
    List<String> gitBuildPins,
    List<String> snapshots) {

  public ImageInputs {
    runtimePins = List.copyOf(runtimePins);
    extensionPins = List.copyOf(extensionPins);
    jrePins = List.copyOf(jrePins);
    gitBuildPins = List.copyOf(gitBuildPins);
    snapshots = List.copyOf(snapshots);
  }
}
