package io.azapg.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificatesTest {
  @Test
  void aServerCertificateSignedByTheCa_withItsNamesAsSans_andKeysThatAre0600(@TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("tls");
    new Certificates(Reporter.silent())
        .create(dir, List.of("db.example.com", "127.0.0.1", "::1"), 30, false);

    X509Certificate ca = cert(dir.resolve("ca.crt"));
    X509Certificate server = cert(dir.resolve("server.crt"));
    server.verify(ca.getPublicKey());
    ca.verify(ca.getPublicKey());
    assertThat(ca.getBasicConstraints()).isZero();
    assertThat(server.getBasicConstraints()).isEqualTo(-1);
    assertThat(server.getSubjectX500Principal().getName()).contains("CN=db.example.com");
    assertThat(server.getSubjectAlternativeNames())
        .extracting(n -> n.get(1).toString())
        .containsExactly("db.example.com", "127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(server.getNotAfter().getTime() - server.getNotBefore().getTime())
        .isEqualTo(30L * 24 * 3600 * 1000);

    for (String key : List.of("ca.key", "server.key")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))))
          .isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    // The server key is the private half of the certificate's public key.
    String pem = Files.readString(dir.resolve("server.key"));
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    byte[] der =
        Base64.getMimeDecoder()
            .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    var key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key);
    s.update(new byte[] {1, 2, 3});
    byte[] sig = s.sign();
    s.initVerify(server.getPublicKey());
    s.update(new byte[] {1, 2, 3});
    assertThat(s.verify(sig)).isTrue();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("ca.crt", "ca.key", "server.crt", "server.key");
    }
  }

  @Test
  void existingFilesAreNeverReplacedWithoutForce(@TempDir Path dir) throws Exception {
    Certificates certs = new Certificates(Reporter.silent());
    certs.create(dir, List.of("localhost"), 30, false);
    byte[] key = Files.readAllBytes(dir.resolve("server.key"));
    assertThatThrownBy(() -> certs.create(dir, List.of("localhost"), 30, false))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage()).contains("server.key").contains("--force");
            });
    assertThat(Files.readAllBytes(dir.resolve("server.key"))).isEqualTo(key);
    certs.create(dir, List.of("localhost"), 30, true);
    assertThat(Files.readAllBytes(dir.resolve("server.key"))).isNotEqualTo(key);
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.key"))))
        .isEqualTo("rw-------");
  }

  @Test
  void badNamesAndDaysAreRefused(@TempDir Path dir) {
    Certificates certs = new Certificates(Reporter.silent());
    assertThatThrownBy(() -> certs.create(dir, List.of("bad name!"), 30, false))
        .hasMessageContaining("--hostname bad name!");
    assertThatThrownBy(() -> certs.create(dir, List.of("localhost"), 0, false))
        .hasMessageContaining("--days 0");
    assertThatThrownBy(() -> certs.create(dir, List.of(), 30, false))
        .hasMessageContaining("--hostname");
  }

  private static X509Certificate cert(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
