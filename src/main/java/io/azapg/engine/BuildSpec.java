package io.azapg.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One image build: context directory, Dockerfile, tags, build arguments and labels. Build arguments
 * end up in the image history; never pass secrets through them.
 *
 * @param context the build context directory
 * @param dockerfile the Dockerfile; empty means {@code context/Dockerfile}
 * @param tags the names the image gets (at least one)
 * @param buildArgs {@code --build-arg} values, sorted by name
 * @param labels {@code --label} values, sorted by key
 * @param target the stage to build in a multi-stage Dockerfile; empty builds the last
 * @param hostNetwork run RUN steps in the host's network namespace
 * @param noCache ignore cached layers
 * @param jobs how many independent stages podman builds at once (1: one after another; docker's
 *     legacy builder has no such option)
 * @param timeout how long the build may take
 * @param log a file (created 0600) that receives the whole build output; empty keeps none
 */
public record BuildSpec(
    Path context,
    Optional<Path> dockerfile,
    List<String> tags,
    Map<String, String> buildArgs,
    Map<String, String> labels,
    Optional<String> target,
    Optional<String> platform,
    boolean hostNetwork,
    boolean noCache,
    int jobs,
    Duration timeout,
    Optional<Path> log) {

  public BuildSpec {
    Objects.requireNonNull(context, "context");
    tags = List.copyOf(tags);
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("a build needs at least one tag");
    }
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
    }
    buildArgs = Collections.unmodifiableMap(new TreeMap<>(buildArgs));
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  public static Builder builder(Path context, String tag) {
    return new Builder(context, tag);
  }

  /** The build arguments after {@code <engine> build}. */
  List<String> arguments(EngineKind kind) {
    List<String> args = new ArrayList<>(List.of("build"));
    if (kind == EngineKind.PODMAN) {
      // OCI format (podman's default) silently drops HEALTHCHECK, SHELL and STOPSIGNAL.
      args.addAll(List.of("--format", "docker"));
    }
    dockerfile.ifPresent(file -> args.addAll(List.of("--file", file.toString())));
    tags.forEach(tag -> args.addAll(List.of("--tag", tag)));
    buildArgs.forEach((k, v) -> args.addAll(List.of("--build-arg", k + "=" + v)));
    labels.forEach((k, v) -> args.addAll(List.of("--label", k + "=" + v)));
    target.ifPresent(stage -> args.addAll(List.of("--target", stage)));
    platform.ifPresent(p -> args.addAll(List.of("--platform", p)));
    if (hostNetwork) {
      args.addAll(List.of("--network", "host"));
    }
    if (noCache) {
      args.add("--no-cache");
    }
    if (jobs > 1 && kind != EngineKind.PODMAN) {
      throw new IllegalArgumentException(
          kind.executable()
              + "'s legacy builder builds one stage at a time: --jobs "
              + jobs
              + " needs podman (use --jobs 1, or --engine podman)");
    }
    if (jobs > 1) {
      args.addAll(List.of("--jobs", Integer.toString(jobs)));
    }
    args.add(context.toString());
    return args;
  }

  /** Builds a {@link BuildSpec}. */
  public static final class Builder {
    private final Path context;
    private final List<String> tags = new ArrayList<>();
    private final Map<String, String> buildArgs = new TreeMap<>();
    private final Map<String, String> labels = new TreeMap<>();
    private @Nullable Path dockerfile;
    private @Nullable String target;
    private @Nullable String platform;
    private boolean hostNetwork;
    private boolean noCache;
    private int jobs = 1;
    private Duration timeout = Duration.ofMinutes(60);
    private @Nullable Path log;

    private Builder(Path context, String tag) {
      this.context = context;
      this.tags.add(tag);
    }

    public Builder dockerfile(Path file) {
      this.dockerfile = file;
      return this;
    }

    public Builder tag(String tag) {
      tags.add(tag);
      return this;
    }

    public Builder buildArg(String name, String value) {
      buildArgs.put(name, value);
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public Builder labels(Map<String, String> values) {
      labels.putAll(values);
      return this;
    }

    public Builder target(String stage) {
      this.target = stage;
      return this;
    }

    /** Builds for these platforms (comma-separated, e.g. {@code linux/amd64,linux/arm64}). */
    public Builder platform(String platforms) {
      this.platform = platforms;
      return this;
    }

    public Builder hostNetwork(boolean host) {
      this.hostNetwork = host;
      return this;
    }

    public Builder noCache(boolean noCache) {
      this.noCache = noCache;
      return this;
    }

    /** Builds up to this many independent stages at once (podman only). */
    public Builder jobs(int jobs) {
      this.jobs = jobs;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Writes the whole build output to this file (created 0600, replaced if present). */
    public Builder log(Path file) {
      this.log = file;
      return this;
    }

    public BuildSpec build() {
      return new BuildSpec(
          context,
          Optional.ofNullable(dockerfile),
          tags,
          buildArgs,
          labels,
          Optional.ofNullable(target),
          Optional.ofNullable(platform),
          hostNetwork,
          noCache,
          jobs,
          timeout,
          Optional.ofNullable(log));
    }
  }
}
