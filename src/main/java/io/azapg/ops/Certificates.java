package io.azapg.ops;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import io.azapg.common.Reporter;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private certificate authority and a server certificate signed by it, made in-process with
 * BouncyCastle (no openssl): ECDSA P-256 keys, the server's host names and addresses as subject
 * alternative names (what {@code sslmode=verify-full} checks), private keys written 0600 from the
 * moment they exist. Existing files are never replaced without {@code force}.
 */
public final class Certificates {
  /** The files written into the directory. */
  public static final String CA_CERT = "ca.crt";

  public static final String CA_KEY = "ca.key";
  public static final String SERVER_CERT = "server.crt";
  public static final String SERVER_KEY = "server.key";
  public static final List<String> FILES = List.of(CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY);

  private static final Pattern DNS =
      Pattern.compile(
          "(?i)(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  /**
   * What was written.
   *
   * @param dir the directory
   * @param names the server certificate's subject alternative names
   * @param notAfter when the server certificate expires
   */
  public record Result(Path dir, List<String> names, Instant notAfter) {}

  private final Reporter reporter;
  private final SecureRandom random = new SecureRandom();

  public Certificates(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * Writes {@code ca.crt}, {@code ca.key}, {@code server.crt} and {@code server.key} into {@code
   * dir} (created 0700 if missing).
   *
   * @param hostnames DNS names and IP addresses of the server; the first is its common name
   * @param days how long the server certificate is valid (the CA: ten times as long)
   * @param force replace existing files
   */
  public Result create(Path dir, List<String> hostnames, int days, boolean force) {
    if (hostnames.isEmpty()) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "no --hostname given",
          List.of(
              "name every host clients use, e.g. --hostname db.example.com --hostname 127.0.0.1"));
    }
    for (String h : hostnames) {
      if (!isIp(h) && !DNS.matcher(h).matches()) {
        throw new AzaPgException(
            ExitCode.INVALID_INPUT,
            "--hostname " + h + ": neither a DNS name nor an IP address",
            List.of("e.g. --hostname db.example.com or --hostname 10.0.0.5"));
      }
    }
    if (days < 1 || days > 3650) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "--days " + days + ": must be from 1 to 3650",
          List.of("e.g. --days 825"));
    }
    List<Path> existing = FILES.stream().map(dir::resolve).filter(Files::exists).toList();
    if (!existing.isEmpty() && !force) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "certificate files exist: "
              + String.join(", ", existing.stream().map(Path::toString).toList())
              + "; they are never replaced without --force",
          List.of(
              "choose another --dir, or pass --force to replace them (clients must then trust the new CA)"));
    }
    try {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Instant now = Instant.now().minus(Duration.ofMinutes(5));
      KeyPair caKeys = ecKeys();
      X500Name caName = name("aza-pg CA " + Long.toHexString(random.nextLong() & Long.MAX_VALUE));
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder ca =
          new JcaX509v3CertificateBuilder(
              caName,
              serial(),
              Date.from(now),
              Date.from(now.plus(Duration.ofDays(days * 10L))),
              caName,
              caKeys.getPublic());
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      ca.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      ca.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          ext.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate caCert = sign(ca, caKeys);

      KeyPair serverKeys = ecKeys();
      Instant notAfter = now.plus(Duration.ofDays(days));
      X509v3CertificateBuilder server =
          new JcaX509v3CertificateBuilder(
              caCert,
              serial(),
              Date.from(now),
              Date.from(notAfter),
              name(hostnames.get(0)),
              serverKeys.getPublic());
      server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      server.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      server.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      List<GeneralName> names = new ArrayList<>();
      for (String h : hostnames) {
        names.add(
            isIp(h)
                ? new GeneralName(GeneralName.iPAddress, h)
                : new GeneralName(GeneralName.dNSName, h.toLowerCase(Locale.ROOT)));
      }
      server.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(names.toArray(GeneralName[]::new)));
      server.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
      server.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          ext.createSubjectKeyIdentifier(serverKeys.getPublic()));
      X509Certificate serverCert = sign(server, caKeys);

      writeKey(dir.resolve(CA_KEY), caKeys);
      writeKey(dir.resolve(SERVER_KEY), serverKeys);
      writePublic(dir.resolve(CA_CERT), pem(caCert));
      writePublic(dir.resolve(SERVER_CERT), pem(serverCert));
      reporter.info(
          "wrote a CA and a server certificate for "
              + String.join(", ", hostnames)
              + " (valid "
              + days
              + " days) to "
              + dir);
      return new Result(dir, List.copyOf(hostnames), notAfter);
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "cannot write the certificates to " + dir + ": " + e.getMessage(),
          List.of("check that the directory is writable"));
    }
  }

  private static boolean isIp(String h) {
    if (IPV4.matcher(h).matches() || h.contains(":")) {
      try {
        InetAddress.getByName(h);
        return true;
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "aza-pg")
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  private BigInteger serial() {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws OperatorCreationException, GeneralSecurityException {
    X509CertificateHolder holder =
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }

  /** A private key as PKCS#8 PEM, in a file that is 0600 from its creation, then renamed. */
  private static void writeKey(Path file, KeyPair keys) throws IOException {
    String text = pem(new JcaPKCS8Generator(keys.getPrivate(), null));
    write(file, text, "rw-------");
  }

  private static void writePublic(Path file, String text) throws IOException {
    write(file, text, "rw-r--r--");
  }

  private static void write(Path file, String text, String mode) throws IOException {
    Path tmp =
        Files.createTempFile(
            file.getParent(),
            "." + file.getFileName() + ".",
            ".partial",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, text, StandardCharsets.US_ASCII);
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
