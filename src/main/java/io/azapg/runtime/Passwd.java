package io.azapg.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The entries of an {@code /etc/passwd} file, enough to find users by name or uid. */
final class Passwd {
  /**
   * One user.
   *
   * @param name login name
   * @param uid user id
   * @param gid primary group id
   * @param home home directory
   */
  record User(String name, int uid, int gid, String home) {}

  private final List<User> users;

  private Passwd(List<User> users) {
    this.users = List.copyOf(users);
  }

  /** Parses passwd text; malformed lines are skipped. */
  static Passwd parse(String text) {
    List<User> users = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length < 7 || line.startsWith("#")) {
        continue;
      }
      try {
        users.add(new User(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[5]));
      } catch (NumberFormatException e) {
        // skip NIS-style or broken lines
      }
    }
    return new Passwd(users);
  }

  Optional<User> byName(String name) {
    return users.stream().filter(u -> u.name().equals(name)).findFirst();
  }

  Optional<User> byUid(int uid) {
    return users.stream().filter(u -> u.uid() == uid).findFirst();
  }
}
