package dev.warden.web.service;

import dev.warden.web.console.PrincipalLink;

/** A registered service as the Services tab lists it. */
record ServiceSummaryView(long id, String name, String displayName, PrincipalLink servicePrincipal, int scopeCount) {}
