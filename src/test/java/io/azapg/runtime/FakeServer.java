package io.azapg.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A fake {@link Exec} that behaves like the PostgreSQL programs as far as the runtime can see:
 * initdb writes a data directory, pg_ctl succeeds, psql records its stdin. Every invocation is
 * recorded; a test can make chosen ones fail.
 */
final class FakeServer implements Exec {
  static final String INITDB_CONF =
      "# PostgreSQL configuration file\n"
          + "max_connections = 100\n"
          + "shared_buffers = 128MB\n"
          + "dynamic_shared_memory_type = posix\n"
          + "max_wal_size = 1GB\n"
          + "min_wal_size = 80MB\n";

  final List<Invocation> calls = new ArrayList<>();
  final List<String> sql = new ArrayList<>();
  private final Path pkglibdir;
  private Function<Invocation, Result> override = i -> null;
  String pwfileText;
  String pwfileMode;

  FakeServer(Path pkglibdir) {
    this.pkglibdir = pkglibdir;
  }

  /** Makes invocations for which the function returns a result answer with it. */
  FakeServer failing(Function<Invocation, Result> override) {
    this.override = override;
    return this;
  }

  /** The function {@link #failing} installed, to wrap in another. */
  Function<Invocation, Result> override() {
    return override;
  }

  @Override
  public Result run(Invocation inv) {
    calls.add(inv);
    inv.stdin().ifPresent(b -> sql.add(new String(b, StandardCharsets.UTF_8)));
    Result forced = override.apply(inv);
    if (forced != null) {
      return forced;
    }
    List<String> argv = inv.argv();
    String program = argv.get(0);
    if (program.equals("pg_config")) {
      return new Result(0, pkglibdir + "\n", "");
    }
    if (program.equals("initdb")) {
      initdb(argv);
    }
    return new Result(0, "", "");
  }

  private void initdb(List<String> argv) {
    try {
      Path pgdata = null;
      for (String a : argv) {
        if (a.startsWith("--pgdata=")) {
          pgdata = Path.of(a.substring("--pgdata=".length()));
        } else if (a.startsWith("--pwfile=")) {
          Path pw = Path.of(a.substring("--pwfile=".length()));
          pwfileText = Files.readString(pw, StandardCharsets.UTF_8);
          pwfileMode =
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(pw));
        }
      }
      Files.createDirectories(pgdata);
      Files.writeString(pgdata.resolve("PG_VERSION"), "18\n");
      Files.writeString(pgdata.resolve("postgresql.conf"), INITDB_CONF);
      Files.writeString(pgdata.resolve("pg_hba.conf"), "local all all trust\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** argv of every call whose program is the given one. */
  List<List<String>> argvOf(String program) {
    return calls.stream().map(Invocation::argv).filter(a -> a.get(0).equals(program)).toList();
  }

  /** The environment of the first call to the given program. */
  Map<String, String> envOf(String program) {
    return calls.stream()
        .filter(c -> c.argv().get(0).equals(program))
        .findFirst()
        .orElseThrow()
        .env();
  }
}
