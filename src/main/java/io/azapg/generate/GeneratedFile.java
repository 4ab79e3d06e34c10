package io.azapg.generate;

/**
 * A file produced from the catalog (and tuning), never edited by hand.
 *
 * @param path path relative to the project root, with forward slashes
 * @param content the exact content, {@code \n} line endings
 */
public record GeneratedFile(String path, String content) {}
