package io.azapg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;

/**
 * picocli prints every element of a description, header or footer array on a line of its own and
 * wraps only within an element. An element that stops mid-sentence therefore breaks the help text
 * in the middle of a line; an element that is not the last must end a sentence or a line.
 */
class HelpTextTest {
  /** A list item or example: indented, or a bullet. Such a line may end any way. */
  private static final Pattern LIST_ITEM = Pattern.compile("^(\\s+\\S|[-*•] ).*");

  @Test
  void everyHelpTextLineEndsASentence() {
    PrintWriter discard = new PrintWriter(new StringWriter());
    CommandLine root = Cli.commandLine(new Console(discard, discard, false));

    List<String> visited = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    walk(root.getCommandSpec(), visited, broken);

    assertThat(visited).contains("aza-pg build", "aza-pg release merge", "aza-pg runtime prepare");
    assertThat(broken)
        .as(
            "help text array elements that stop mid-sentence (picocli prints each element on its"
                + " own line: join the sentence into one element)")
        .isEmpty();
  }

  @Test
  void aSentenceSplitOverTwoElementsIsFound() {
    @Command(
        name = "broken",
        description = {"Build the image. Prints the tags; with --push", "also the digest."})
    class Broken {
      @Option(
          names = "--mirror",
          description = {"Examples:", "  a/b.git", "  c/d.git", "A mirror of (the", "repos)."})
      String mirror;
    }

    List<String> broken = new ArrayList<>();
    walk(new CommandLine(new Broken()).getCommandSpec(), new ArrayList<>(), broken);

    assertThat(broken)
        .containsExactly(
            "broken: description element 1 \"Build the image. Prints the tags; with --push\"",
            "broken --mirror: description element 4 \"A mirror of (the\"");
  }

  /** Adds every element that stops mid-sentence, in the command and all its subcommands. */
  private static void walk(CommandSpec spec, List<String> visited, List<String> broken) {
    String command = spec.qualifiedName();
    visited.add(command);
    check(command, "header", spec.usageMessage().header(), broken);
    check(command, "description", spec.usageMessage().description(), broken);
    check(command, "footer", spec.usageMessage().footer(), broken);
    for (OptionSpec option : spec.options()) {
      check(command + " " + option.longestName(), "description", option.description(), broken);
    }
    for (PositionalParamSpec positional : spec.positionalParameters()) {
      check(
          command + " " + positional.paramLabel(), "description", positional.description(), broken);
    }
    // An alias maps to the same command: visit each command once, under its own name.
    spec.subcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals(sub.getCommandName())) {
                walk(sub.getCommandSpec(), visited, broken);
              }
            });
  }

  private static void check(String where, String what, String[] lines, List<String> broken) {
    for (int i = 0; i < lines.length - 1; i++) {
      if (!endsALine(lines[i])) {
        broken.add(where + ": " + what + " element " + (i + 1) + " \"" + lines[i] + "\"");
      }
    }
  }

  /** An empty line, a list item, or a line that ends a sentence or introduces what follows. */
  private static boolean endsALine(String line) {
    String text = line.stripTrailing();
    return text.isEmpty()
        || LIST_ITEM.matcher(text).matches()
        || text.endsWith(".")
        || text.endsWith(":")
        || text.endsWith(")");
  }
}
