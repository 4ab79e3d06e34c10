package io.azapg.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {
  private final List<String> out = new ArrayList<>();

  private void feed(BoundedLines lines, String text, int chunk) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i += chunk) {
      int n = Math.min(chunk, chars.length - i);
      char[] part = new char[n];
      System.arraycopy(chars, i, part, 0, n);
      lines.accept(part, n);
    }
    lines.finish();
  }

  @Test
  void lines_crlfAndBlankLines_andALastLineWithoutNewline() {
    feed(new BoundedLines(100, out::add), "a\r\n\nb\nlast", 3);
    assertThat(out).containsExactly("a", "", "b", "last");
  }

  @Test
  void longLine_inPiecesOfAtMostTheLimit_nothingLostNoEmptyExtraLine() {
    String longLine = "x".repeat(25);
    feed(new BoundedLines(10, out::add), longLine + "\n" + "y".repeat(10) + "\nz\n", 7);
    assertThat(out)
        .containsExactly("x".repeat(10), "x".repeat(10), "x".repeat(5), "y".repeat(10), "z");
  }

  @Test
  void surrogatePair_neverSplitAcrossPieces() {
    feed(new BoundedLines(4, out::add), "abc\uD83D\uDD11def\n", 1);
    assertThat(String.join("", out)).isEqualTo("abc\uD83D\uDD11def");
    assertThat(out).allMatch(piece -> !Character.isHighSurrogate(piece.charAt(piece.length() - 1)));
  }

  @Test
  void hugeOutput_boundedMemory_capturedTailOnly() {
    ProcessResult r =
        new DefaultProcessRunner()
            .execute(
                ProcessSpec.of(
                        "bash", "-c", "head -c 20000000 /dev/zero | tr '\\0' x; echo; echo end")
                    .captureLimit(1000)
                    .listener((channel, line) -> out.add(line.length() + ":" + line.charAt(0)))
                    .build());
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).hasSizeLessThanOrEqualTo(1000).endsWith("end\n");
    assertThat(out).hasSize(20_000_000 / OutputPump.MAX_LINE + 2).endsWith("3:e");
  }
}
