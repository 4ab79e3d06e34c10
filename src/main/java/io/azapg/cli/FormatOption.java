package io.azapg.cli;

import picocli.CommandLine.Option;

/** The {@code --format text|json} option of commands that return data. */
final class FormatOption {
  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  boolean json() {
    return format == OutputFormat.JSON;
  }
}
