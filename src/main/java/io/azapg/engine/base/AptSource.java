package io.azapg.engine.base;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One apt source entry (a one-line {@code deb} line or a deb822 stanza), with the test that picks
 * the host's Debian mirror out of the other repositories it may list.
 *
 * @param types "deb" and/or "deb-src"
 * @param uris the repository URIs
 * @param suites the suites (codenames or aliases)
 * @param components the components (main, contrib, ...)
 * @param enabled false for a deb822 stanza with {@code Enabled: no}
 * @param origin the file it came from, for messages
 */
public record AptSource(
    List<String> types,
    List<String> uris,
    List<String> suites,
    List<String> components,
    boolean enabled,
    String origin) {

  private static final Set<String> CODENAMES =
      Set.of(
          "buzz",
          "rex",
          "bo",
          "hamm",
          "slink",
          "potato",
          "woody",
          "sarge",
          "etch",
          "lenny",
          "squeeze",
          "wheezy",
          "jessie",
          "stretch",
          "buster",
          "bullseye",
          "bookworm",
          "trixie",
          "forky",
          "duke",
          "sid");
  private static final Set<String> ALIASES =
      Set.of("stable", "testing", "unstable", "oldstable", "oldoldstable", "experimental");
  private static final List<String> SUFFIXES =
      List.of("-proposed-updates", "-backports-sloppy", "-backports", "-updates");

  public AptSource {
    types = List.copyOf(types);
    uris = List.copyOf(uris);
    suites = List.copyOf(suites);
    components = List.copyOf(components);
  }

  /**
   * The URI of this entry if it is a Debian archive carrying binary packages of component main:
   * enabled, type deb, a Debian suite, and an http(s) URI that says "debian" (host or path).
   * Security archives and third-party repositories do not qualify: nodesource's "nodistro",
   * Google's "cloud-sdk-bookworm" or Chrome's "stable" at dl.google.com, Sury's "bookworm" at
   * packages.sury.org.
   *
   * @return the URI without a trailing slash, or empty
   */
  public Optional<String> debianMainUri() {
    if (!enabled
        || !types.contains("deb")
        || !components.contains("main")
        || suites.stream().noneMatch(AptSource::isDebianSuite)) {
      return Optional.empty();
    }
    return uris.stream()
        .filter(AptSource::isHttp)
        .filter(uri -> uri.toLowerCase(Locale.ROOT).contains("debian"))
        .map(uri -> uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri)
        .findFirst();
  }

  /** Whether the suite names a Debian release (codename or alias, optionally -updates etc.). */
  static boolean isDebianSuite(String suite) {
    String base = suite.toLowerCase(Locale.ROOT);
    for (String suffix : SUFFIXES) {
      if (base.endsWith(suffix)) {
        base = base.substring(0, base.length() - suffix.length());
        break;
      }
    }
    return CODENAMES.contains(base) || ALIASES.contains(base);
  }

  private static boolean isHttp(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }
}
