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
    AtomicInteger counter,
    java.util.Set<BenchNode> open) {
  BenchSetup(
      ContainerEngine engine,
      ProcessRunner runner,
      String image,
      String prefix,
      String password,
      AtomicInteger counter) {
    this(
        engine,
        runner,
        image,
        prefix,
        password,
        counter,
        java.util.concurrent.ConcurrentHashMap.newKeySet());
  }

  int next() {
    return counter.incrementAndGet();
  }

  /** Removes the servers still running (an interrupted run), with their volumes. */
  void closeAll() {
    for (BenchNode node : java.util.List.copyOf(open)) {
      node.close();
    }
  }
}
