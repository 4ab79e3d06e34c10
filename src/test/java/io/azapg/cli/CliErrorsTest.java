package io.azapg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.azapg.common.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit code 70 is for bugs only: a file the machine got wrong is exit 3 with its path. */
class CliErrorsTest {
  @TempDir Path tmp;

  private record Handled(int code, String err) {}

  private static Handled handle(Exception ex) {
    StringWriter err = new StringWriter();
    Console console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(err), false);
    int code = Cli.handle(ex, console, Cli.commandLine(console));
    return new Handled(code, err.toString());
  }

  @Test
  void aRealFileSystemFailure_isExit3_namingThePathAndWhatToCheck() throws Exception {
    Path notADir = Files.writeString(tmp.resolve("plain-file"), "x");
    IOException real;
    try {
      Files.writeString(notADir.resolve("child"), "y");
      throw new AssertionError("writing under a regular file should fail");
    } catch (IOException e) {
      real = e;
    }
    Handled h = handle(new UncheckedIOException("cannot write " + notADir.resolve("child"), real));
    assertThat(h.code()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(h.err())
        .contains("aza-pg: error: cannot write " + notADir.resolve("child"))
        .contains("hint: check that the path exists")
        .doesNotContain("internal error");
  }

  @Test
  void aWrappedAccessDenial_isFoundThroughTheCauseChain() {
    Exception ex =
        new IllegalStateException(
            "setup failed", new UncheckedIOException(new AccessDeniedException("/etc/x")));
    Handled h = handle(ex);
    assertThat(h.code()).isEqualTo(3);
    assertThat(h.err()).contains("/etc/x");
  }

  @Test
  void anythingElse_remainsAnInternalErrorWithTheVerboseHint() {
    Handled h = handle(new IllegalStateException("a bug"));
    assertThat(h.code()).isEqualTo(ExitCode.INTERNAL.code());
    assertThat(h.err()).contains("internal error").contains("--verbose");
  }
}
