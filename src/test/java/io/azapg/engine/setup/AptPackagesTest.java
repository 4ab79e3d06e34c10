package io.azapg.engine.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AptPackagesTest {
  @Test
  void missing_keepsOnlyFullyInstalledPackagesOut() {
    String dpkg = "podman\tii \nrunc\trc \nzstd\tii \nlibc6:amd64\tii \nuidmap\tiU \n";

    assertThat(
            AptPackages.missing(
                List.of("podman", "runc", "zstd", "libc6", "uidmap", "buildah"), dpkg))
        .containsExactly("runc", "uidmap", "buildah");
  }

  @Test
  void queryArgv_asksDpkgForNameAndStatus() {
    assertThat(AptPackages.queryArgv(List.of("podman")))
        .containsExactly("dpkg-query", "-W", "-f=${Package}\\t${db:Status-Abbrev}\\n", "podman");
  }

  @Test
  void required_hasRuncNotCrunAndTheBridgeDns() {
    assertThat(AptPackages.REQUIRED)
        .contains("podman", "runc", "netavark", "aardvark-dns", "debootstrap", "zstd")
        .doesNotContain("crun", "docker-buildx");
  }

  @Test
  void installArgv_waitsForTheDpkgLockAndSkipsRecommends() {
    assertThat(PackagesStep.installArgv(List.of("podman", "runc")))
        .containsExactly(
            "apt-get",
            "-o",
            "DPkg::Lock::Timeout=600",
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            "podman",
            "runc");
  }
}
