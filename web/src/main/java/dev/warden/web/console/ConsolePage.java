package dev.warden.web.console;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of console pages: a refused or impossible request answers with a 403/404 page in the
 * console's layout, or, for an htmx request, with a message above the content ({@link ConsoleErrorAdvice}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConsolePage {}
