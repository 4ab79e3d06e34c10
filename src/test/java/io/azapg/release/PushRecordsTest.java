package io.azapg.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushRecordsTest {
  private static final String ID = "c9b76a19a875" + "0".repeat(52);
  private static final Manifest MANIFEST =
      new Manifest(
          Manifest.DOCKER_V2,
          ("{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:aa\",\"size\":1},"
                  + "\"layers\":[{\"digest\":\"sha256:bb\",\"size\":2},"
                  + "{\"digest\":\"sha256:cc\",\"size\":3}]}")
              .getBytes(StandardCharsets.UTF_8));

  @TempDir Path dir;

  @Test
  void aRecord_readsBackByteForByte_withEveryRepositoryItWentTo() {
    PushRecords records = new PushRecords(Optional.of(dir));
    PushRecords.Entry entry =
        new PushRecords.Entry(ID, MANIFEST, "linux/amd64", 6, List.of("127.0.0.1:5000/it/push"));
    records.save(entry.pushedTo(RepositoryName.parse("127.0.0.1:5000/it/other")));

    PushRecords.Entry back = records.find(ID).orElseThrow();
    assertThat(back.manifest()).isEqualTo(MANIFEST);
    assertThat(back.manifest().digest()).isEqualTo(MANIFEST.digest());
    assertThat(back.platform()).isEqualTo("linux/amd64");
    assertThat(back.compressedBytes()).isEqualTo(6);
    assertThat(back.repositories())
        .containsExactly("127.0.0.1:5000/it/push", "127.0.0.1:5000/it/other");
    assertThat(back.blobs()).containsExactly("sha256:aa", "sha256:bb", "sha256:cc");
    assertThat(records.find("sha256:" + ID).orElseThrow().manifest()).isEqualTo(MANIFEST);
    assertThat(records.find("d" + ID.substring(1))).isEmpty();
  }

  @Test
  void aDamagedRecord_isNoRecord() throws Exception {
    PushRecords records = new PushRecords(Optional.of(dir));
    records.save(
        new PushRecords.Entry(ID, MANIFEST, "linux/amd64", 6, List.of("127.0.0.1:5000/x")));
    Path file = dir.resolve(ID + ".json");
    Files.writeString(file, Files.readString(file).replace("sha256:bb", "sha256:bd"));
    assertThat(records.find(ID)).isEmpty();
    Files.writeString(file, "{not json");
    assertThat(records.find(ID)).isEmpty();
  }

  @Test
  void records_liveInTheUsersCacheDirectory_orNowhere() {
    PushRecords.Entry entry =
        new PushRecords.Entry(ID, MANIFEST, "linux/amd64", 6, List.of("127.0.0.1:5000/x"));
    PushRecords.fromEnvironment(Map.of("XDG_CACHE_HOME", dir.toString(), "HOME", "/nonexistent"))
        .save(entry);
    assertThat(dir.resolve("aza-pg/pushed/" + ID + ".json")).isRegularFile();
    PushRecords.fromEnvironment(Map.of("HOME", dir.resolve("home").toString())).save(entry);
    assertThat(dir.resolve("home/.cache/aza-pg/pushed/" + ID + ".json")).isRegularFile();
    PushRecords none = PushRecords.fromEnvironment(Map.of());
    none.save(entry);
    assertThat(none.find(ID)).isEmpty();
  }
}
