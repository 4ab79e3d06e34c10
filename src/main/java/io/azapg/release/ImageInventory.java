package io.azapg.release;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.engine.ContainerEngine;
import io.azapg.engine.RunSpec;
import io.azapg.process.ProcessResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What is inside an image, read by running it (entrypoint replaced, nothing started): the installed
 * packages of its dpkg database with their copyright licences, its Debian codename, and the BOM the
 * aza-pg jar in it carries.
 */
public final class ImageInventory {
  /** Where the aza-pg jar lives in the image. */
  static final String JAR = "/opt/aza-pg/aza-pg.jar";

  /** Inside the jar: the CycloneDX BOM of its Maven dependencies (cyclonedx-maven-plugin). */
  static final String JAR_BOM = "io/azapg/release/jar-bom.json";

  static final String SCRIPT =
      """
      set -eu
      # shellcheck source=/dev/null
      . /etc/os-release
      echo "D\t${VERSION_CODENAME:-unknown}"
      dpkg-query -W -f '${db:Status-Abbrev}\\t${Package}\\t${Version}\\t${Architecture}\\n' \\
        | while IFS='\t' read -r status name version arch; do
            [ "${status% }" = "ii" ] || continue
            echo "P\t$name\t$version\t$arch"
            f=/usr/share/doc/$name/copyright
            if [ -r "$f" ] && head -1 "$f" | grep -q '^Format:'; then
              sed -n 's/^License:[[:space:]]*\\(.*[^[:space:]]\\)[[:space:]]*$/L\t\\1/p' "$f" | sort -u
            fi
          done
      """;

  private final ContainerEngine engine;

  public ImageInventory(ContainerEngine engine) {
    this.engine = engine;
  }

  /** The installed packages and the Debian codename. */
  public Packages packages(String image) {
    ProcessResult r = run(image, "/bin/sh", "-c", SCRIPT);
    String codename = "unknown";
    List<DebianPackage> packages = new ArrayList<>();
    String[] current = null;
    TreeSet<String> licenses = new TreeSet<>();
    for (String line : r.stdoutLines()) {
      String[] f = line.split("\t");
      switch (f[0]) {
        case "D" -> codename = f[1];
        case "P" -> {
          if (current != null) {
            packages.add(
                new DebianPackage(current[1], current[2], current[3], List.copyOf(licenses)));
          }
          current = f;
          licenses.clear();
        }
        case "L" -> licenses.add(f[1]);
        default -> {
          // not ours
        }
      }
    }
    if (current != null) {
      packages.add(new DebianPackage(current[1], current[2], current[3], List.copyOf(licenses)));
    }
    if (packages.isEmpty()) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED, image + " has no dpkg database: is it a Debian-based image?");
    }
    return new Packages(codename, packages);
  }

  /** The BOM the image's aza-pg jar carries; empty when the image has no such jar. */
  public Optional<byte[]> jarBom(String image) {
    ProcessResult r =
        run(image, "/bin/sh", "-c", "[ -r " + JAR + " ] && base64 -w0 " + JAR + " || true");
    String encoded = r.stdout().strip();
    if (encoded.isEmpty()) {
      return Optional.empty();
    }
    byte[] jar = Base64.getDecoder().decode(encoded);
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(jar))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals(JAR_BOM)) {
          return Optional.of(zip.readAllBytes());
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED, JAR + " in " + image + " is not a readable jar");
    }
  }

  private ProcessResult run(String image, String entrypoint, String... args) {
    RunSpec spec =
        RunSpec.builder(image)
            .removeWhenDone(true)
            .entrypoint(entrypoint)
            .network("none")
            .command(args)
            .build();
    ProcessResult r = engine.runAttached(spec, Duration.ofMinutes(5));
    if (!r.succeeded()) {
      throw new AzaPgException(
          ExitCode.ENGINE,
          "reading the contents of "
              + image
              + " failed (exit code "
              + r.exitCode()
              + "): "
              + String.join(" / ", ProcessResult.tail(r.stderr(), 5)));
    }
    return r;
  }

  /**
   * @param codename the Debian codename, e.g. {@code forky}
   * @param packages the installed packages in dpkg's order
   */
  public record Packages(String codename, List<DebianPackage> packages) {
    public Packages {
      packages = List.copyOf(packages);
    }
  }
}
