package io.azapg.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads a catalog: parse (strict JSON, duplicate keys rejected), check against the JSON Schema,
 * bind to records, then run the semantic checks. Every problem is collected and reported at once.
 */
public final class CatalogLoader {
  /** Classpath location of the catalog bundled in the jar. */
  public static final String BUNDLED = "/io/azapg/catalog/extensions.json";

  private static final String SCHEMA = "/io/azapg/catalog/extensions.schema.json";

  /**
   * Built on first use: its construction alone costs about 0.2 s of CPU, which loadShipped skips.
   */
  private static final class Mapper {
    static final ObjectMapper INSTANCE =
        JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
  }

  /** Loads and validates the catalog bundled in the jar. */
  public Catalog loadBundled() {
    try (InputStream in = CatalogLoader.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new AzaPgException(ExitCode.INTERNAL, "the jar has no bundled catalog at " + BUNDLED);
      }
      return parse(
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
          "bundled catalog");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads the catalog shipped in the jar without checking it again: the build validated it (the
   * unit tests load it through {@link #loadBundled()} and {@code generate --check} derives every
   * image file from it). This is what runs at every container start and in {@code aza-pg tune},
   * where the JSON Schema check cost more than everything else.
   */
  public Catalog loadShipped() {
    try (InputStream in = CatalogLoader.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new AzaPgException(ExitCode.INTERNAL, "the jar has no bundled catalog at " + BUNDLED);
      }
      return ShippedCatalogReader.read(in);
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INTERNAL, "the jar's catalog cannot be read: " + e.getMessage(), List.of(), e);
    }
  }

  /** Loads and validates a catalog file. */
  public Catalog load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT,
          "catalog file " + file + " does not exist",
          List.of("pass the path of an extensions.json, or omit it to use the project's catalog"));
    } catch (IOException e) {
      throw new AzaPgException(
          ExitCode.INVALID_INPUT, "cannot read catalog file " + file + ": " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** Parses and validates catalog text; {@code origin} names it in messages. */
  public Catalog parse(String text, String origin) {
    JsonNode tree;
    try {
      tree = Mapper.INSTANCE.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where =
          loc == null ? "$" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new CatalogInvalidException(
          origin, List.of(new Problem(where, "not valid JSON: " + e.getOriginalMessage())));
    }
    if (tree == null || tree.isMissingNode()) {
      throw new CatalogInvalidException(origin, List.of(new Problem("$", "the file is empty")));
    }
    List<Problem> problems = schemaProblems(tree);
    if (!problems.isEmpty()) {
      throw new CatalogInvalidException(origin, sorted(problems));
    }
    Catalog catalog;
    try {
      catalog = Mapper.INSTANCE.treeToValue(tree, Catalog.class);
    } catch (JsonProcessingException e) {
      throw new CatalogInvalidException(
          origin, List.of(new Problem("$", "cannot bind catalog: " + e.getOriginalMessage())));
    }
    problems = new CatalogValidator(catalog).validate();
    if (!problems.isEmpty()) {
      throw new CatalogInvalidException(origin, sorted(problems));
    }
    return catalog;
  }

  private static List<Problem> sorted(List<Problem> problems) {
    List<Problem> copy = new ArrayList<>(problems);
    copy.sort(null);
    return copy;
  }

  private List<Problem> schemaProblems(JsonNode tree) {
    JsonNode schemaTree = schemaTree();
    Set<String> knownFields = new TreeSet<>();
    collectPropertyNames(schemaTree, knownFields);
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaTree);
    List<Problem> problems = new ArrayList<>();
    for (Error error : schema.validate(tree)) {
      problems.add(SchemaMessages.toProblem(error, knownFields));
    }
    return problems.stream().distinct().toList();
  }

  private JsonNode schemaTree() {
    try (InputStream in = CatalogLoader.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new AzaPgException(ExitCode.INTERNAL, "the jar has no catalog schema at " + SCHEMA);
      }
      return Mapper.INSTANCE.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collectPropertyNames(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      JsonNode props = node.get("properties");
      if (props != null && props.isObject()) {
        props.fieldNames().forEachRemaining(names::add);
      }
      node.elements().forEachRemaining(child -> collectPropertyNames(child, names));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectPropertyNames(child, names));
    }
  }
}
