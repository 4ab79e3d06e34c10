package io.azapg.testing.apt;

import io.azapg.process.DefaultProcessRunner;
import io.azapg.process.ProcessResult;
import io.azapg.process.ProcessSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A small Debian archive for one suite, component main, amd64: real packages built with {@code
 * dpkg-deb}, a Packages index, and a Release file with a Date (and optionally a Valid-Until),
 * signed by a {@link SigningKey} so apt and debootstrap verify it for real.
 */
public final class TestRepository {
  private static final DefaultProcessRunner RUNNER = new DefaultProcessRunner();
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final Path root;
  private final String suite;
  private final StringBuilder packages = new StringBuilder();

  public TestRepository(Path root, String suite) {
    this.root = root;
    this.suite = suite;
  }

  /** The directory to serve (it holds {@code dists/} and {@code pool/}). */
  public Path root() {
    return root;
  }

  /** Adds an {@code Architecture: all} package that installs one file naming its version. */
  public TestRepository add(String name, String version) {
    try {
      Path tree = Files.createTempDirectory(Files.createDirectories(root).getParent(), "deb-");
      Files.createDirectories(tree.resolve("DEBIAN"));
      Files.createDirectories(tree.resolve("usr/share/aza-pg-test"));
      Files.writeString(
          tree.resolve("usr/share/aza-pg-test/" + name), version + "\n", StandardCharsets.UTF_8);
      String control =
          "Package: "
              + name
              + "\nVersion: "
              + version
              + "\nArchitecture: all\nMaintainer: aza-pg <test@aza-pg.invalid>\n"
              + "Description: aza-pg test package\n";
      Files.writeString(tree.resolve("DEBIAN/control"), control, StandardCharsets.UTF_8);
      String file = "pool/main/" + name + "_" + version + "_all.deb";
      Path deb = root.resolve(file);
      Files.createDirectories(deb.getParent());
      run("dpkg-deb", "--root-owner-group", "--build", tree.toString(), deb.toString());
      run("rm", "-rf", tree.toString());
      byte[] bytes = Files.readAllBytes(deb);
      packages
          .append(control)
          .append("Filename: ")
          .append(file)
          .append("\nSize: ")
          .append(bytes.length)
          .append("\nSHA256: ")
          .append(sha256(bytes))
          .append("\n\n");
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the Packages index and the Release file, and signs it when a key is given.
   *
   * @return the Release file
   */
  public Path publish(Instant date, Optional<Instant> validUntil, Optional<SigningKey> key) {
    try {
      Path dists = Files.createDirectories(root.resolve("dists/" + suite));
      Path index = Files.createDirectories(dists.resolve("main/binary-amd64"));
      byte[] packagesBytes = packages.toString().getBytes(StandardCharsets.UTF_8);
      Files.write(index.resolve("Packages"), packagesBytes);
      StringBuilder release =
          new StringBuilder()
              .append("Origin: aza-pg-test\nLabel: aza-pg-test\nSuite: ")
              .append(suite)
              .append("\nCodename: ")
              .append(suite)
              .append("\nDate: ")
              .append(RFC_2822.format(date))
              .append('\n');
      validUntil.ifPresent(
          v -> release.append("Valid-Until: ").append(RFC_2822.format(v)).append('\n'));
      release
          .append("Architectures: amd64\nComponents: main\nSHA256:\n ")
          .append(sha256(packagesBytes))
          .append(' ')
          .append(packagesBytes.length)
          .append(" main/binary-amd64/Packages\n");
      Path file = dists.resolve("Release");
      Files.writeString(file, release.toString(), StandardCharsets.UTF_8);
      key.ifPresent(k -> k.sign(file));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void run(String... argv) {
    ProcessResult r = RUNNER.execute(ProcessSpec.of(List.of(argv)).build());
    if (!r.succeeded()) {
      throw new AssertionError(String.join(" ", argv) + " failed:\n" + r.stderr());
    }
  }
}
