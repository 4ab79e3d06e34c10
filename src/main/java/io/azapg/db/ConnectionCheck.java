package io.azapg.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * Proves that a server answers where a URI says: connects from this host with the password (given
 * as a connection property, never in the URL) and runs {@code SELECT 1}.
 */
public final class ConnectionCheck {
  private ConnectionCheck() {}

  /**
   * One attempt within {@code timeout}; empty when {@code SELECT 1} returned 1, else why not (the
   * server's or the driver's message, which never contains the password).
   */
  public static Optional<String> selectOne(
      String host, int port, String user, String database, String password, Duration timeout) {
    return selectOne(host, port, user, database, Optional.of(password), timeout);
  }

  /**
   * As {@link #selectOne(String, int, String, String, String, Duration)}; without a password the
   * driver takes one from the password file ({@code PGPASSFILE}, else {@code ~/.pgpass}) if the
   * server asks for one.
   */
  public static Optional<String> selectOne(
      String host,
      int port,
      String user,
      String database,
      Optional<String> password,
      Duration timeout) {
    Properties props = new Properties();
    props.setProperty("user", user);
    password.ifPresent(p -> props.setProperty("password", p));
    int seconds = (int) Math.max(1, timeout.toSeconds());
    props.setProperty("connectTimeout", Integer.toString(seconds));
    props.setProperty("socketTimeout", Integer.toString(seconds));
    props.setProperty("loginTimeout", Integer.toString(seconds));
    props.setProperty("ApplicationName", "aza-pg");
    String h = host.contains(":") ? "[" + host + "]" : host;
    String url = "jdbc:postgresql://" + h + ":" + port + "/" + database;
    try (Connection c = DriverManager.getConnection(url, props);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 1")) {
      return rs.next() && rs.getInt(1) == 1
          ? Optional.empty()
          : Optional.of("SELECT 1 did not return 1");
    } catch (SQLException e) {
      return Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }
}
