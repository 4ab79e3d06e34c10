package io.azapg.release;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.util.LicenseResolver;

/**
 * Turns the short licence names of Debian's machine-readable copyright files ({@code GPL-2+},
 * {@code Expat}, {@code BSD-3-clause}) into CycloneDX licences: an SPDX id where there is one,
 * otherwise the name as Debian wrote it.
 */
final class DebianLicenses {
  private static final Pattern GNU = Pattern.compile("(?i)^(A?GPL|LGPL|GFDL)-([0-9.]+)(\\+)?$");
  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("expat", "MIT"),
          Map.entry("mit", "MIT"),
          Map.entry("bsd-2-clause", "BSD-2-Clause"),
          Map.entry("bsd-3-clause", "BSD-3-Clause"),
          Map.entry("bsd-4-clause", "BSD-4-Clause"),
          Map.entry("apache-2.0", "Apache-2.0"),
          Map.entry("apache-2", "Apache-2.0"),
          Map.entry("isc", "ISC"),
          Map.entry("zlib", "Zlib"),
          Map.entry("postgresql", "PostgreSQL"),
          Map.entry("mpl-2.0", "MPL-2.0"),
          Map.entry("artistic", "Artistic-1.0-Perl"),
          Map.entry("artistic-2.0", "Artistic-2.0"),
          Map.entry("cc0-1.0", "CC0-1.0"),
          Map.entry("curl", "curl"),
          Map.entry("openssl", "OpenSSL"),
          Map.entry("unicode-dfs-2016", "Unicode-DFS-2016"),
          Map.entry("bsl-1.0", "BSL-1.0"),
          Map.entry("x11", "X11"),
          Map.entry("ftl", "FTL"));

  private DebianLicenses() {}

  /** The CycloneDX licence for one {@code License:} value. */
  static License of(String debian) {
    License license = new License();
    Optional<String> id = spdx(debian.strip());
    if (id.isPresent()) {
      license.setId(id.get());
    } else {
      license.setName(debian.strip());
    }
    return license;
  }

  /** The SPDX id for a Debian short name, when the SPDX list has it. */
  static Optional<String> spdx(String debian) {
    String candidate = NAMES.get(debian.toLowerCase(Locale.ROOT));
    if (candidate == null) {
      Matcher m = GNU.matcher(debian);
      if (m.matches()) {
        String version = m.group(2).contains(".") ? m.group(2) : m.group(2) + ".0";
        candidate =
            m.group(1).toUpperCase(Locale.ROOT)
                + "-"
                + version
                + (m.group(3) != null ? "-or-later" : "-only");
      } else {
        candidate = debian;
      }
    }
    LicenseChoice resolved = LicenseResolver.resolve(candidate, false);
    if (resolved == null || resolved.getLicenses() == null || resolved.getLicenses().isEmpty()) {
      return Optional.empty();
    }
    String id = resolved.getLicenses().get(0).getId();
    return id != null && id.equalsIgnoreCase(candidate) ? Optional.of(id) : Optional.empty();
  }
}
