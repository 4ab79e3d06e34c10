package io.azapg.runtime;

/**
 * One line of the tuning include, with where it came from and why.
 *
 * @param name the server setting
 * @param value its value as written in a configuration file (without quotes)
 * @param origin {@code runtime} (container facts and environment), {@code catalog} (an extension's
 *     needs), {@code tuning} (the tuning engine) or {@code user} (a value the user set, kept by the
 *     tuning engine, which fitted the rest around it)
 * @param reason one sentence a person can read
 */
public record Setting(String name, String value, String origin, String reason) {}
