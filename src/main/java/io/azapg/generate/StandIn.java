package io.azapg.generate;

import io.azapg.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in package, built during the image build by {@code make-standin}: it provides a virtual
 * package and ships the few links an extension needs at run time, so the development package that
 * normally provides them (with its C headers and their dependencies) stays out of the image while
 * dpkg's dependencies remain satisfied.
 *
 * @param name the stand-in's package name
 * @param provides the virtual package it provides, which the extension's package depends on
 * @param depends the real package holding what the links point at
 * @param links {@code link=target} pairs in the multiarch library directory
 * @param forPackage the catalog's apt package that needs it
 * @param reason why, for the Dockerfile and the docs
 */
public record StandIn(
    String name,
    String provides,
    String depends,
    List<String> links,
    String forPackage,
    String reason) {

  /** Where the build puts stand-in packages (removed after the install step). */
  public static final String DIR = "/tmp/aza-pg-standins";

  public StandIn {
    links = List.copyOf(links);
  }

  /** The stand-ins the catalog's enabled apt packages need. */
  public static List<StandIn> forCatalog(Catalog catalog) {
    List<String> apt = catalog.derived().aptPackages();
    List<StandIn> needed = new ArrayList<>();
    for (StandIn s : all(catalog.postgresMajor())) {
      if (apt.contains(s.forPackage())) {
        needed.add(s);
      }
    }
    return List.copyOf(needed);
  }

  /** Every stand-in aza-pg knows. */
  static List<StandIn> all(int major) {
    return List.of(
        new StandIn(
            "aza-pg-libmysqlclient-link",
            "libmysqlclient-dev",
            "libmariadb3",
            List.of("libmysqlclient.so=libmariadb.so.3"),
            "postgresql-" + major + "-mysql-fdw",
            "mysql_fdw opens the client library by its unversioned name libmysqlclient.so, which"
                + " Debian ships only in libmariadb-dev-compat; that and its dependencies"
                + " (libmariadb-dev, libssl-dev, zlib1g-dev, libc6-dev, linux-libc-dev) are C"
                + " headers the image does not need"));
  }

  /** The package file the build writes. */
  public String deb() {
    return DIR + "/" + name + ".deb";
  }

  /** The {@code make-standin} arguments that build it. */
  public List<String> makeArgs() {
    List<String> args = new ArrayList<>(List.of(deb(), name, provides, depends));
    args.addAll(links);
    return List.copyOf(args);
  }
}
