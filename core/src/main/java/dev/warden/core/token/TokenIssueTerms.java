package dev.warden.core.token;

/** What a new token of one owner may be: how long it may live, and how many tokens the owner may hold. */
public record TokenIssueTerms(TokenLifetimePolicy lifetimes, int quota) {
}
