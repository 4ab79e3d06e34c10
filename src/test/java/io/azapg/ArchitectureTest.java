package io.azapg;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Holds the package graph written in the README's development section. */
class ArchitectureTest {
  private static final String ROOT = "io.azapg";

  /** package → the aza-pg packages it may use (besides itself and common). */
  private static final Map<String, List<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("catalog", List.of()),
          Map.entry("tune", List.of()),
          Map.entry("generate", List.of("catalog", "tune")),
          Map.entry("engine", List.of("process")),
          Map.entry("image", List.of("catalog", "generate", "engine", "process")),
          Map.entry("runtime", List.of("catalog", "tune", "generate", "process", "db")),
          Map.entry("stack", List.of("generate", "engine", "catalog", "tune", "process")),
          Map.entry("ops", List.of("engine", "db", "process")),
          Map.entry("release", List.of("catalog", "image", "engine", "process")),
          Map.entry("db", List.of()),
          Map.entry("process", List.of()),
          Map.entry("common", List.of()));

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void eachPackageUsesOnlyWhatTheGraphAllows() {
    for (Map.Entry<String, List<String>> entry : ALLOWED.entrySet()) {
      List<String> allowed = new ArrayList<>();
      allowed.add(ROOT + "." + entry.getKey() + "..");
      allowed.add(ROOT + ".common..");
      for (String other : entry.getValue()) {
        allowed.add(ROOT + "." + other + "..");
      }
      List<String> forbidden = new ArrayList<>();
      for (String pkg : ALLOWED.keySet()) {
        if (!allowed.contains(ROOT + "." + pkg + "..")) {
          forbidden.add(ROOT + "." + pkg + "..");
        }
      }
      forbidden.add(ROOT + ".cli..");
      noClasses()
          .that()
          .resideInAPackage(ROOT + "." + entry.getKey() + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(forbidden.toArray(String[]::new))
          .allowEmptyShould(true)
          .because("the package graph in the README says so")
          .check(classes);
    }
  }

  @Test
  void onlyCliUsesPicocli() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .check(classes);
  }

  @Test
  void onlyDbUsesTheJdbcDriver() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".db..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.postgresql..", "java.sql..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void tuneIsPure() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".tune")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.io..", "java.nio..", "java.net..", "com.fasterxml..", "java.lang.ProcessBuilder")
        .allowEmptyShould(true)
        .because("tuning rules are a pure function; detection lives in tune.detect")
        .check(classes);
  }

  @Test
  void onlyCliConsoleTouchesStandardStreams() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(ROOT + ".cli.Console")
        .and()
        .doNotHaveFullyQualifiedName(ROOT + ".cli.Main")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .check(classes);
  }

  @Test
  void onlyProcessStartsProcesses() {
    classes()
        .that()
        .resideOutsideOfPackage(ROOT + ".process..")
        .should()
        .notBeAssignableTo(ProcessBuilder.class)
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + ".process..")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(ProcessBuilder.class)
        .check(classes);
  }
}
