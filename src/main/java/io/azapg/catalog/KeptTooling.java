package io.azapg.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A development or GPG package the runtime image keeps on purpose, with the enabled entries that
 * need it at run time and why (rendered in docs/EXTENSIONS.md; the tests fail on any such package
 * in the image without one).
 *
 * @param pkg the Debian package
 * @param neededBy the catalog entries that need it
 * @param reason why they need it at run time
 */
public record KeptTooling(String pkg, List<String> neededBy, String reason) {
  @JsonCreator
  public KeptTooling(
      @JsonProperty("package") String pkg,
      @JsonProperty("neededBy") List<String> neededBy,
      @JsonProperty("reason") String reason) {
    this.pkg = pkg;
    this.neededBy = neededBy == null ? List.of() : List.copyOf(neededBy);
    this.reason = reason;
  }

  @JsonProperty("package")
  @Override
  public String pkg() {
    return pkg;
  }
}
