package io.azapg;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.tune.TunerPropertyTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's account of the test suite stays true: the number of distinct tests (test methods; a
 * parameterized test counts once) of the unit and the integration tests, and, apart from them, the
 * number of seeded inputs the tuner's property tests run. When a test is added, this test fails
 * with the numbers to write into the README.
 */
class TestSuiteCountTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Pattern TEST_METHOD =
      Pattern.compile(
          "^\\s*@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b",
          Pattern.MULTILINE);

  /** The README's sentence, its line breaks folded to single spaces. */
  private static final Pattern CLAIM =
      Pattern.compile(
          "(\\d[\\d,]*) unit tests and (\\d[\\d,]*) integration tests \\(distinct test methods;"
              + " a parameterized test counts once\\).*?(\\d[\\d,]*) seeded random inputs plus"
              + " (\\d[\\d,]*) boundary inputs");

  @Test
  void readme_statesTheTrueNumbersOfTestsAndTunerInputs() throws IOException {
    String actual =
        claim(
            count("Test.java"),
            count("IT.java"),
            TunerPropertyTest.RANDOM_CASES,
            TunerPropertyTest.boundaryCaseCount());
    String readme =
        Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    Matcher m = CLAIM.matcher(readme);
    assertThat(m.find())
        .as("README.md's Development section states the suite's size like this: %s", actual)
        .isTrue();
    String stated =
        claim(number(m.group(1)), number(m.group(2)), number(m.group(3)), number(m.group(4)));
    assertThat(stated).as("update README.md's numbers").isEqualTo(actual);
  }

  /** Test methods in the test sources whose file name ends with {@code suffix}. */
  static long count(String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(ROOT.resolve("src/test/java"))) {
      List<Path> classes = files.filter(p -> p.toString().endsWith(suffix)).toList();
      long n = 0;
      for (Path file : classes) {
        n += TEST_METHOD.matcher(Files.readString(file, StandardCharsets.UTF_8)).results().count();
      }
      return n;
    }
  }

  private static String claim(long unit, long it, long random, long boundary) {
    return String.format(
        Locale.ROOT,
        "%,d unit tests, %,d integration tests, %,d seeded random inputs, %,d boundary inputs",
        unit,
        it,
        random,
        boundary);
  }

  private static long number(String text) {
    return Long.parseLong(text.replace(",", ""));
  }
}
