package io.azapg.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** Where a catalog entry comes from. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Source.Builtin.class, name = "builtin"),
  @JsonSubTypes.Type(value = Source.Apt.class, name = "apt"),
  @JsonSubTypes.Type(value = Source.Git.class, name = "git")
})
public sealed interface Source permits Source.Builtin, Source.Apt, Source.Git {

  /** The {@code type} value in the catalog file. */
  @JsonIgnore
  String type();

  /** A one-line human description of the source, for docs and listings. */
  @JsonIgnore
  String describe();

  /** Ships with PostgreSQL itself. */
  record Builtin() implements Source {
    @Override
    public String type() {
      return "builtin";
    }

    @Override
    public String describe() {
      return "PostgreSQL";
    }
  }

  /** A Debian package. */
  record Apt(String pkg) implements Source {
    @com.fasterxml.jackson.annotation.JsonCreator
    public Apt(@com.fasterxml.jackson.annotation.JsonProperty("package") String pkg) {
      this.pkg = pkg;
    }

    @com.fasterxml.jackson.annotation.JsonProperty("package")
    @Override
    public String pkg() {
      return pkg;
    }

    @Override
    public String type() {
      return "apt";
    }

    @Override
    public String describe() {
      return "apt " + pkg;
    }
  }

  /** A git repository built at a pinned commit. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Git(
      String repository,
      String tag,
      String commit,
      String build,
      String subdir,
      List<String> buildPackages,
      List<String> runtimePackages,
      List<String> options)
      implements Source {
    public Git {
      buildPackages = buildPackages == null ? List.of() : List.copyOf(buildPackages);
      runtimePackages = runtimePackages == null ? List.of() : List.copyOf(runtimePackages);
      options = options == null ? List.of() : List.copyOf(options);
    }

    @Override
    public String type() {
      return "git";
    }

    @Override
    public String describe() {
      return "git " + repository + " @ " + commit.substring(0, Math.min(12, commit.length()));
    }
  }
}
