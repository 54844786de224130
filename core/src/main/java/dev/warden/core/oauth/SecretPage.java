package dev.warden.core.oauth;

import java.util.List;

/**
 * One page of a service principal's secrets, newest first.
 * @param next where the next page starts; null on the last page
 */
public record SecretPage(List<ServicePrincipalSecret> secrets, SecretCursor next) {}
