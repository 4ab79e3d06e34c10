package io.azapg.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The shell scripts every install step of the image runs, shipped in the jar: {@code
 * apt-install-locked} (exact versions, snapshot fallback) and {@code make-standin}. The build
 * context gets them in {@code build/}; the lock resolver writes them into its container.
 */
public final class BuildScripts {
  /** The scripts, by file name. */
  public static final List<String> NAMES = List.of("apt-install-locked", "make-standin");

  private BuildScripts() {}

  /** A script's text. */
  public static String text(String name) {
    try (InputStream in = BuildScripts.class.getResourceAsStream("build/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks the build script " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the build script " + name, e);
    }
  }

  /** Writes every script, executable, into {@code dir}. */
  public static void writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      for (String name : NAMES) {
        Path file = dir.resolve(name);
        Files.writeString(file, text(name), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the build scripts into " + dir, e);
    }
  }

  /** Shell lines that recreate every script under {@code dir} inside a container. */
  static String heredocs(String dir) {
    StringBuilder sb = new StringBuilder("install -d " + dir + "\n");
    for (String name : NAMES) {
      sb.append("cat > ")
          .append(dir)
          .append('/')
          .append(name)
          .append(" <<'AZA_PG_SCRIPT_END'\n")
          .append(text(name))
          .append("AZA_PG_SCRIPT_END\n")
          .append("chmod 755 ")
          .append(dir)
          .append('/')
          .append(name)
          .append('\n');
    }
    return sb.toString();
  }
}
