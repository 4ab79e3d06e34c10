package io.azapg.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest (set by the build). */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "aza-pg " + (version == null ? "development build" : version),
      "PostgreSQL 18 distribution tooling; Java " + Runtime.version()
    };
  }
}
