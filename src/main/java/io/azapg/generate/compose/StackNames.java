package io.azapg.generate.compose;

/**
 * The names a rendered stack uses besides its options.
 *
 * @param project the Compose project name (containers are {@code <project>-<service>-1}, the data
 *     volume {@code <project>_data})
 * @param network this stack's network (a primary's is what its replicas join)
 * @param primaryNetwork for a replica, the primary's network
 * @param secretsDir where the password files are (a replica: its primary's)
 */
public record StackNames(String project, String network, String primaryNetwork, String secretsDir) {

  /** The network a stack of this project creates. */
  public static String networkOf(String project) {
    return project + "-net";
  }

  /** The names of the copies committed under {@code stacks/<kind>/}. */
  public static StackNames committed(StackOptions options) {
    String project = options.kind().defaultProject();
    return new StackNames(
        project,
        networkOf(project),
        networkOf(options.get(StackOption.PRIMARY)),
        options.kind() == StackKind.REPLICA ? "../primary/secrets" : "./secrets");
  }
}
