package io.azapg.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.azapg.common.AzaPgException;
import io.azapg.common.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRecordTest {
  @TempDir Path dir;

  private static final NodeRecord RECORD =
      new NodeRecord("localhost/aza-pg:18", 1L << 30, 1, "127.0.0.1", 5432, "app");

  @Test
  void writeThenRead_givesTheSameRecord_andNoRecordReadsAsEmpty() {
    assertThat(NodeRecord.read(dir)).isEmpty();
    RECORD.write(dir);
    assertThat(NodeRecord.read(dir)).contains(RECORD);
    NodeRecord.delete(dir);
    assertThat(NodeRecord.read(dir)).isEmpty();
  }

  @Test
  void tls_isRecorded_readsAsOffFromAnOlderRecord_andAChangeRecreates() throws Exception {
    NodeRecord tls =
        new NodeRecord("localhost/aza-pg:18", 1L << 30, 1, "127.0.0.1", 5432, "app", true);
    tls.write(dir);
    assertThat(NodeRecord.read(dir)).contains(tls);
    Files.writeString(
        dir.resolve("node.json"),
        Files.readString(dir.resolve("node.json")).replace(",\n  \"tls\" : true", ""));
    assertThat(NodeRecord.read(dir)).contains(RECORD);
    assertThat(RECORD.containerChanges(tls)).containsExactly("--tls");
    assertThat(tls.containerChanges(RECORD)).containsExactly("--no-tls");
  }

  @Test
  void containerChanges_nameEachOptionWithBothValues() {
    NodeRecord wanted = new NodeRecord("other", 768L << 20, 2.5, "0.0.0.0", 6543, "app");
    assertThat(RECORD.containerChanges(wanted))
        .containsExactly(
            "--memory 768MB (was 1024MB)",
            "--cpus 2.5 (was 1)",
            "--bind 0.0.0.0 (was 127.0.0.1)",
            "--port 6543 (was 5432)");
    assertThat(RECORD.containerChanges(RECORD)).isEmpty();
  }

  @Test
  void aDamagedRecord_isAnInputErrorNamingTheFileAndTheFix() throws Exception {
    Files.writeString(dir.resolve("node.json"), "{\"image\": \"x\"}");
    assertThatThrownBy(() -> NodeRecord.read(dir))
        .isInstanceOfSatisfying(
            AzaPgException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
              assertThat(e.getMessage()).contains(dir.resolve("node.json").toString());
              assertThat(e.getMessage()).contains("memoryBytes");
            });
    Files.writeString(dir.resolve("node.json"), "not json");
    assertThatThrownBy(() -> NodeRecord.read(dir)).isInstanceOf(AzaPgException.class);
  }

  @Test
  void wildcardBinds_areReachedThroughLoopback_andIpv6HostsAreBracketed() {
    assertThat(SingleNode.reachableHost("0.0.0.0")).isEqualTo("127.0.0.1");
    assertThat(SingleNode.reachableHost("::")).isEqualTo("::1");
    assertThat(SingleNode.reachableHost("192.0.2.7")).isEqualTo("192.0.2.7");
    assertThat(new Connection("::1", 5432, "postgres", "app", dir).uri())
        .isEqualTo("postgresql://postgres@[::1]:5432/app");
  }
}
