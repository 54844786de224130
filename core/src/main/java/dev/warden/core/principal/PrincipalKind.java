package dev.warden.core.principal;

public enum PrincipalKind {
    /** A person; may log in to the console. */
    USER,
    /** A machine identity with a server-generated applicationId; never logs in. */
    SERVICE_PRINCIPAL,
    /** System-created to back an organisation- or group-level token; managed with that token. */
    TECHNICAL_USER
}
