package io.azapg.cli;

/** How a command that returns data renders it on stdout. */
enum OutputFormat {
  TEXT,
  JSON
}
