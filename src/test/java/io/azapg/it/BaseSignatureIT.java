package io.azapg.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.process.ProcessResult;
import io.azapg.testing.apt.LoopbackServer;
import io.azapg.testing.apt.SigningKey;
import io.azapg.testing.apt.TestRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aza-pg base} never builds an unauthenticated base: against Debian's archive keyring, a
 * mirror on loopback whose Release file is signed by another key, tampered with after signing, or
 * not signed at all, is refused before anything is imported. Each run bootstraps into a repository
 * of its own ({@code AZA_PG_BASE_REPOSITORY}), so the shared base is never touched.
 */
class BaseSignatureIT {
  @TempDir static Path dir;

  private static SigningKey key;
  private static LoopbackServer server;

  private final String repository =
      "localhost/aza-pg-it-basesig-"
          + HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(3));

  @BeforeAll
  static void mirrors() throws Exception {
    key = new SigningKey(dir.resolve("gnupg"));
    Instant now = Instant.now();
    new TestRepository(dir.resolve("foreign"), "forky")
        .add("base-files", "99")
        .publish(now, Optional.empty(), Optional.of(key));
    new TestRepository(dir.resolve("tampered"), "forky")
        .add("base-files", "99")
        .publish(now, Optional.empty(), Optional.of(key));
    Path inRelease = dir.resolve("tampered/dists/forky/InRelease");
    Files.writeString(
        inRelease, Files.readString(inRelease).replace("Label: aza-pg-test", "Label: aza-pg-evil"));
    new TestRepository(dir.resolve("unsigned"), "forky")
        .add("base-files", "99")
        .publish(now, Optional.empty(), Optional.empty());
    server =
        new LoopbackServer()
            .serve("/foreign", dir.resolve("foreign"))
            .serve("/tampered", dir.resolve("tampered"))
            .serve("/unsigned", dir.resolve("unsigned"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (key != null) {
      key.close();
    }
  }

  private ProcessResult bootstrap(String mirror, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "base",
                "--suite",
                "forky",
                "--mirror",
                server.url() + "/" + mirror,
                "--rebuild",
                "--no-pull"));
    args.addAll(List.of(more));
    ProcessResult r =
        AzaPg.run(
            Duration.ofMinutes(5),
            Map.of("AZA_PG_BASE_REPOSITORY", repository),
            args.toArray(String[]::new));
    System.err.println("BaseSignatureIT: tried " + mirror + " mirror: exit " + r.exitCode());
    assertThat(
            AzaPg.exec(
                    Duration.ofSeconds(30),
                    AzaPg.engine(),
                    "image",
                    "exists",
                    repository + ":forky")
                .exitCode())
        .as("no base image may be created from the %s mirror", mirror)
        .isEqualTo(1);
    return r;
  }

  @Test
  void mirrorSignedByAForeignKey_isRefused() {
    ProcessResult r = bootstrap("foreign");

    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(3);
    assertThat(r.stderr())
        .contains("refusing to bootstrap from " + server.url() + "/foreign")
        .contains("does not verify against /usr/share/keyrings/debian-archive-keyring.gpg")
        .contains("Release signed by unknown key");
  }

  @Test
  void releaseTamperedWithAfterSigning_isRefusedEvenWithItsSignersKeyring() {
    Path keyring = key.keyring(dir.resolve("test-keyring.gpg"));

    ProcessResult r = bootstrap("tampered", "--keyring", keyring.toString());

    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(3);
    assertThat(r.stderr())
        .contains("refusing to bootstrap from " + server.url() + "/tampered")
        .contains("does not verify against " + keyring)
        .contains("Invalid Release signature");
  }

  @Test
  void unsignedMirror_isRefused() {
    ProcessResult r = bootstrap("unsigned");

    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(3);
    assertThat(r.stderr())
        .contains("refusing to bootstrap from " + server.url() + "/unsigned")
        .containsIgnoringCase("release signature file");
  }
}
