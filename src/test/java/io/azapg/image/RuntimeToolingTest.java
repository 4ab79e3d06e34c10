package io.azapg.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.catalog.Catalog;
import io.azapg.catalog.CatalogLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeToolingTest {
  private static final Catalog PROJECT =
      new CatalogLoader().load(Path.of("catalog/extensions.json"));

  @Test
  void isTooling_knowsDevelopmentPackagesAndGpgTools() {
    assertThat(
            List.of(
                "libc6-dev",
                "libc-dev-bin",
                "linux-libc-dev",
                "postgresql-server-dev-18",
                "default-libmysqlclient-dev",
                "gnupg",
                "gnupg-l10n",
                "gpg",
                "gpg-agent",
                "gpgsm",
                "gpgconf",
                "dirmngr",
                "pinentry-curses"))
        .allMatch(RuntimeTooling::isTooling);
    assertThat(
            List.of(
                "libdevmapper1.02.1",
                "libgpgme45",
                "libgpg-error0",
                "gpgv",
                "sqv",
                "devscripts-el",
                "postgresql-18"))
        .noneMatch(RuntimeTooling::isTooling);
  }

  @Test
  void unexplained_listsToolingWithoutARecordedReason() {
    assertThat(
            RuntimeTooling.unexplained(
                List.of("postgresql-18", "libssl-dev", "gpg", "gpg-agent"), PROJECT))
        .containsExactly("gpg-agent", "libssl-dev");
  }

  /** The check the issue asks for: the committed lock's runtime packages, against the catalog. */
  @Test
  void projectLock_runtimeImageHasNoDevelopmentOrGpgPackageWithoutAReason() throws Exception {
    PackageLock locks =
        PackageLock.parse(Files.readString(Path.of("image/packages.lock")), "image/packages.lock");

    for (LockFile lock : locks.architectures()) {
      assertThat(RuntimeTooling.unexplained(RuntimeTooling.runtimePackages(lock), PROJECT))
          .as(
              lock.architecture()
                  + ": development or GPG packages in the runtime image without a reason in the"
                  + " catalog's keptTooling: remove what pulls them in, or record which extension"
                  + " needs them at run time")
          .isEmpty();
    }
  }
}
