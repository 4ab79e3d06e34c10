package io.azapg.release;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import com.github.packageurl.PackageURLBuilder;
import io.azapg.catalog.Catalog;
import io.azapg.catalog.Entry;
import io.azapg.catalog.Source;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Commit;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.ExternalReference;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Pedigree;
import org.cyclonedx.model.Property;
import org.cyclonedx.parsers.JsonParser;

/**
 * The CycloneDX SBOM of an image: every Debian package of its dpkg database (version, licences,
 * purl), every catalog entry built from a git repository (repository and commit), and the Maven
 * dependencies of the aza-pg jar in it.
 */
public final class ImageSbom {
  /** The CycloneDX version written. */
  public static final Version VERSION = Version.VERSION_16;

  private ImageSbom() {}

  /**
   * @param image the image reference the SBOM describes
   * @param imageId the image id (config digest)
   * @param jarBom the jar's own BOM, if the image has the jar
   */
  public static Bom of(
      String image,
      String imageId,
      ImageInventory.Packages packages,
      Catalog catalog,
      java.util.Optional<byte[]> jarBom,
      Instant created) {
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(created));
    Component subject = new Component();
    subject.setType(Component.Type.CONTAINER);
    subject.setName(image);
    subject.setVersion(imageId);
    subject.setBomRef("image");
    metadata.setComponent(subject);
    bom.setMetadata(metadata);
    Set<String> refs = new LinkedHashSet<>();
    List<Component> components = new ArrayList<>();
    for (DebianPackage p : packages.packages()) {
      components.add(deb(p, packages.codename()));
    }
    for (Entry e : catalog.enabled()) {
      if (e.source() instanceof Source.Git git) {
        components.add(git(e, git));
      }
    }
    jarBom.ifPresent(bytes -> components.addAll(jarComponents(bytes)));
    components.removeIf(c -> !refs.add(c.getBomRef()));
    bom.setComponents(components);
    return bom;
  }

  /** The SBOM as CycloneDX JSON. */
  public static String json(Bom bom) {
    try {
      return BomGeneratorFactory.createJson(VERSION, bom).toJsonString();
    } catch (org.cyclonedx.exception.GeneratorException e) {
      throw new IllegalStateException("cannot render the SBOM as CycloneDX JSON", e);
    }
  }

  private static Component deb(DebianPackage p, String codename) {
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    c.setName(p.name());
    c.setVersion(p.version());
    String purl =
        purl(
            PackageURLBuilder.aPackageURL()
                .withType("deb")
                .withNamespace("debian")
                .withName(p.name())
                .withVersion(p.version())
                .withQualifier("arch", p.architecture())
                .withQualifier("distro", "debian-" + codename));
    c.setPurl(purl);
    c.setBomRef(purl);
    if (!p.licenses().isEmpty()) {
      LicenseChoice licenses = new LicenseChoice();
      p.licenses().forEach(l -> licenses.addLicense(DebianLicenses.of(l)));
      c.setLicenses(licenses);
    }
    return c;
  }

  private static Component git(Entry e, Source.Git git) {
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    c.setName(e.name());
    c.setVersion(e.version());
    c.setDescription(e.description());
    String url = git.repository();
    c.setBomRef("git:" + url + "@" + git.commit());
    ExternalReference vcs = new ExternalReference();
    vcs.setType(ExternalReference.Type.VCS);
    vcs.setUrl(url);
    c.addExternalReference(vcs);
    Commit commit = new Commit();
    commit.setUid(git.commit());
    commit.setUrl(url);
    Pedigree pedigree = new Pedigree();
    pedigree.setCommits(List.of(commit));
    c.setPedigree(pedigree);
    if (e.license() != null) {
      LicenseChoice licenses = new LicenseChoice();
      licenses.addLicense(DebianLicenses.of(e.license()));
      c.setLicenses(licenses);
    }
    Property built = new Property();
    built.setName("aza-pg:build");
    built.setValue(git.build() + " at commit " + git.commit());
    c.addProperty(built);
    return c;
  }

  private static List<Component> jarComponents(byte[] bom) {
    try {
      List<Component> jar = new JsonParser().parse(bom).getComponents();
      return jar == null ? List.of() : jar;
    } catch (ParseException e) {
      throw new AzaPgException(
          ExitCode.CHECK_FAILED, "the aza-pg jar's own BOM cannot be read: " + e.getMessage());
    }
  }

  private static String purl(PackageURLBuilder builder) {
    try {
      PackageURL purl = builder.build();
      return purl.canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException("cannot form a package URL: " + e.getMessage(), e);
    }
  }

  /** Schema problems of an SBOM document; empty when it is valid CycloneDX. */
  public static List<String> validate(String json) {
    try {
      return new JsonParser()
          .validate(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), VERSION).stream()
              .map(Throwable::getMessage)
              .toList();
    } catch (java.io.IOException e) {
      return List.of("not JSON: " + e.getMessage());
    }
  }
}
