package dev.warden.web.console;

/**
 * Implemented by every controller of console pages: a refused or impossible request answers with a 403/404 page in
 * the console's layout, or, for an htmx request, with a message above the content ({@link ConsoleErrorAdvice}), and
 * the layout's model values come from {@link ConsoleModelAdvice}. A marker type rather than an annotation: for every
 * request Spring decides whether each model advice applies to the handler's controller, and a type check costs
 * nothing where an annotation search over the controller's hierarchy was about 1 % of an accepted API request
 * (README, "Request cost and caching").
 */
public interface ConsolePage {}
