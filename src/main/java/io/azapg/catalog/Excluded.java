package io.azapg.catalog;

/** A package deliberately left out of the image, with the reason shown in the docs. */
public record Excluded(String pkg, String reason) {
  @com.fasterxml.jackson.annotation.JsonCreator
  public Excluded(
      @com.fasterxml.jackson.annotation.JsonProperty("package") String pkg,
      @com.fasterxml.jackson.annotation.JsonProperty("reason") String reason) {
    this.pkg = pkg;
    this.reason = reason;
  }

  @com.fasterxml.jackson.annotation.JsonProperty("package")
  @Override
  public String pkg() {
    return pkg;
  }
}
