package io.azapg.bench;

import io.azapg.engine.ContainerEngine;
import io.azapg.process.ProcessRunner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every benchmark server shares: the engine, the image, a name prefix unique to this run and
 * the generated password.
 */
record BenchSetup(
    ContainerEngine engine,
    ProcessRunner runner,
    String image,
    String prefix,
    String password,
    AtomicInteger counter) {
  int next() {
    return counter.incrementAndGet();
  }
}
