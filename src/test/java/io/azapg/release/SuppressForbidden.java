package io.azapg.release;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets forbiddenapis accept a deliberate use of a flagged API in a test (the plugin honours any
 * annotation of this name): here the JDK's own HTTP server as a stand-in token server.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
@interface SuppressForbidden {
  /** Why the use is sound. */
  String reason();
}
