package io.azapg.db;

import java.util.Arrays;
import org.postgresql.util.PasswordUtil;

/**
 * Turns a password into the SCRAM-SHA-256 verifier PostgreSQL stores, on the client side, so the
 * plain text never reaches the server, its logs or any statement text.
 */
public final class PasswordVerifier {
  private PasswordVerifier() {}

  /**
   * The {@code SCRAM-SHA-256$4096:salt$stored:server} verifier of a password (SASLprep applied like
   * the server does, random salt). PostgreSQL stores such a string as-is when it is given as a
   * role's password.
   */
  public static String scramSha256(String password) {
    char[] chars = password.toCharArray();
    try {
      return PasswordUtil.encodeScramSha256(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }
}
