package io.azapg.engine;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One container to run. Environment values never appear on the engine's command line: they are
 * passed in an {@code --env-file} readable only by the caller and deleted right after. Note that
 * {@code inspect} still shows a container's environment to anyone who may talk to the engine, so
 * secrets belong in files mounted read-only and named by {@code *_FILE} variables.
 *
 * @param image the image to run
 * @param name the container name; empty lets the engine choose one
 * @param env environment variables, in insertion order
 * @param ports published ports
 * @param volumes named volumes and bind mounts
 * @param memoryBytes the memory limit
 * @param cpus the CPU limit (e.g. 1.5)
 * @param shmSizeBytes the size of /dev/shm
 * @param user the user (name or uid[:gid]) the main process runs as
 * @param entrypoint replaces the image's entrypoint
 * @param command replaces the image's command
 * @param labels container labels, sorted by key
 * @param network the network to join (a name, or "host")
 * @param networkAliases extra DNS names on that network
 * @param hostname the container's hostname
 * @param removeWhenDone remove the container when it exits ({@code --rm})
 */
public record RunSpec(
    String image,
    Optional<String> name,
    Map<String, String> env,
    List<PortMapping> ports,
    List<VolumeMount> volumes,
    OptionalLong memoryBytes,
    OptionalDouble cpus,
    OptionalLong shmSizeBytes,
    Optional<String> user,
    Optional<String> entrypoint,
    List<String> command,
    Map<String, String> labels,
    Optional<String> network,
    List<String> networkAliases,
    Optional<String> hostname,
    boolean removeWhenDone) {

  public RunSpec {
    Objects.requireNonNull(image, "image");
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    ports = List.copyOf(ports);
    volumes = List.copyOf(volumes);
    command = List.copyOf(command);
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    networkAliases = List.copyOf(networkAliases);
  }

  /** The same container, named {@code containerName} and kept after it exits (no {@code --rm}). */
  RunSpec keptAs(String containerName) {
    return new RunSpec(
        image,
        Optional.of(containerName),
        env,
        ports,
        volumes,
        memoryBytes,
        cpus,
        shmSizeBytes,
        user,
        entrypoint,
        command,
        labels,
        network,
        networkAliases,
        hostname,
        false);
  }

  public static Builder builder(String image) {
    return new Builder(image);
  }

  /**
   * The arguments after {@code <engine>}: {@code run [-d] [flags] image [command]}.
   *
   * @param envFile the file holding {@link #env()}, present when env is not empty
   */
  List<String> arguments(boolean detached, Optional<Path> envFile) {
    List<String> args = new ArrayList<>(List.of("run"));
    if (detached) {
      args.add("--detach");
    }
    if (removeWhenDone) {
      args.add("--rm");
    }
    name.ifPresent(n -> args.addAll(List.of("--name", n)));
    hostname.ifPresent(h -> args.addAll(List.of("--hostname", h)));
    envFile.ifPresent(file -> args.addAll(List.of("--env-file", file.toString())));
    labels.forEach((k, v) -> args.addAll(List.of("--label", k + "=" + v)));
    network.ifPresent(n -> args.addAll(List.of("--network", n)));
    networkAliases.forEach(alias -> args.addAll(List.of("--network-alias", alias)));
    ports.forEach(p -> args.addAll(List.of("--publish", p.flagValue())));
    volumes.forEach(v -> args.addAll(List.of("--volume", v.flagValue())));
    memoryBytes.ifPresent(m -> args.addAll(List.of("--memory", size(m))));
    cpus.ifPresent(c -> args.addAll(List.of("--cpus", decimal(c))));
    shmSizeBytes.ifPresent(s -> args.addAll(List.of("--shm-size", size(s))));
    user.ifPresent(u -> args.addAll(List.of("--user", u)));
    entrypoint.ifPresent(e -> args.addAll(List.of("--entrypoint", e)));
    args.add(image);
    args.addAll(command);
    return args;
  }

  /** A byte count in the largest unit both engines accept that divides it exactly. */
  static String size(long bytes) {
    String[] units = {"g", "m", "k"};
    long[] factors = {1L << 30, 1L << 20, 1L << 10};
    for (int i = 0; i < units.length; i++) {
      if (bytes % factors[i] == 0) {
        return bytes / factors[i] + units[i];
      }
    }
    return bytes + "b";
  }

  private static String decimal(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Builds a {@link RunSpec}. */
  public static final class Builder {
    private final String image;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<PortMapping> ports = new ArrayList<>();
    private final List<VolumeMount> volumes = new ArrayList<>();
    private final List<String> command = new ArrayList<>();
    private final Map<String, String> labels = new TreeMap<>();
    private final List<String> networkAliases = new ArrayList<>();
    private @Nullable String name;
    private @Nullable Long memoryBytes;
    private @Nullable Double cpus;
    private @Nullable Long shmSizeBytes;
    private @Nullable String user;
    private @Nullable String entrypoint;
    private @Nullable String network;
    private @Nullable String hostname;
    private boolean removeWhenDone;

    private Builder(String image) {
      this.image = image;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder env(String variable, String value) {
      env.put(variable, value);
      return this;
    }

    public Builder env(Map<String, String> values) {
      env.putAll(values);
      return this;
    }

    public Builder publish(PortMapping port) {
      ports.add(port);
      return this;
    }

    public Builder volume(String source, String target) {
      volumes.add(new VolumeMount(source, target, false));
      return this;
    }

    public Builder volume(VolumeMount mount) {
      volumes.add(mount);
      return this;
    }

    public Builder memoryBytes(long bytes) {
      this.memoryBytes = bytes;
      return this;
    }

    public Builder cpus(double cpus) {
      this.cpus = cpus;
      return this;
    }

    public Builder shmSizeBytes(long bytes) {
      this.shmSizeBytes = bytes;
      return this;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder entrypoint(String entrypoint) {
      this.entrypoint = entrypoint;
      return this;
    }

    public Builder command(String... args) {
      command.addAll(List.of(args));
      return this;
    }

    public Builder command(List<String> args) {
      command.addAll(args);
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public Builder network(String network) {
      this.network = network;
      return this;
    }

    public Builder networkAlias(String alias) {
      networkAliases.add(alias);
      return this;
    }

    public Builder hostname(String hostname) {
      this.hostname = hostname;
      return this;
    }

    public Builder removeWhenDone(boolean remove) {
      this.removeWhenDone = remove;
      return this;
    }

    public RunSpec build() {
      return new RunSpec(
          image,
          Optional.ofNullable(name),
          env,
          ports,
          volumes,
          memoryBytes == null ? OptionalLong.empty() : OptionalLong.of(memoryBytes),
          cpus == null ? OptionalDouble.empty() : OptionalDouble.of(cpus),
          shmSizeBytes == null ? OptionalLong.empty() : OptionalLong.of(shmSizeBytes),
          Optional.ofNullable(user),
          Optional.ofNullable(entrypoint),
          command,
          labels,
          Optional.ofNullable(network),
          networkAliases,
          Optional.ofNullable(hostname),
          removeWhenDone);
    }
  }
}
