package dev.warden.core.token;

/** A freshly created token with its secret: the only place the clear text leaves core, once. */
public record IssuedToken(AccessToken token, TokenSecret secret) {}
