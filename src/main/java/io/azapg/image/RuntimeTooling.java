package io.azapg.image;

import io.azapg.catalog.Catalog;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Development packages and GPG tooling in the runtime image: none may be there without a reason
 * recorded in the catalog ({@code keptTooling}). {@code gpgv} and {@code sqv}, apt's own signature
 * verifiers, are part of the base system and not counted.
 */
public final class RuntimeTooling {
  private static final Pattern DEV = Pattern.compile("(^|.*-)dev(-.*|$)");
  private static final Pattern GPG =
      Pattern.compile("gnupg.*|gpg|gpg-.*|gpgconf|gpgsm|dirmngr|pinentry.*|scdaemon|kleopatra");

  private RuntimeTooling() {}

  /** Whether a package is development files or GPG tooling. */
  public static boolean isTooling(String pkg) {
    return DEV.matcher(pkg).matches() || GPG.matcher(pkg).matches();
  }

  /** The development or GPG packages among {@code packages} the catalog gives no reason for. */
  public static List<String> unexplained(Collection<String> packages, Catalog catalog) {
    return packages.stream()
        .filter(RuntimeTooling::isTooling)
        .filter(p -> catalog.keptTooling(p).isEmpty())
        .sorted()
        .distinct()
        .toList();
  }

  /** The lock's packages that end up in the runtime image (not the builder stages'). */
  public static List<String> runtimePackages(LockFile lock) {
    return java.util.stream.Stream.of(LockFile.Group.RUNTIME, LockFile.Group.EXTENSIONS)
        .flatMap(g -> lock.pins(g).stream())
        .map(LockFile.Pin::pkg)
        .toList();
  }
}
