package dev.warden.core.principal;

import dev.warden.core.workspace.WorkspaceId;

/**
 * Test data for principals: {@code Principals.aUser("alice").withId(10).build()}. Unless told otherwise
 * a principal is an active user in workspace 1 with a console password (so it can sign in), and has no id (it gets one when saved).
 */
public final class Principals {
    public static final WorkspaceId WORKSPACE = new WorkspaceId(1);

    private Principals() {}

    public static Builder aUser(String userName) {
        return new Builder(PrincipalKind.USER, userName);
    }

    public static Builder aServicePrincipal(String displayName) {
        return new Builder(PrincipalKind.SERVICE_PRINCIPAL, null).displayName(displayName);
    }

    /** The actor a principal is when it acts from the local machine. */
    public static Actor actor(Principal principal) {
        return Actor.of(principal, "127.0.0.1");
    }

    public static final class Builder {
        private final PrincipalKind kind;
        private final String userName;
        private PrincipalId id;
        private WorkspaceId workspace = WORKSPACE;
        private String displayName;
        private boolean active = true;
        private String passwordHash;
        private boolean consolePassword = true;

        private Builder(PrincipalKind kind, String userName) {
            this.kind = kind;
            this.userName = userName;
            this.displayName = userName;
        }

        public Builder withId(long value) {
            this.id = new PrincipalId(value);
            return this;
        }

        public Builder inWorkspace(WorkspaceId value) {
            this.workspace = value;
            return this;
        }

        public Builder displayName(String value) {
            this.displayName = value;
            return this;
        }

        public Builder inactive() {
            this.active = false;
            return this;
        }

        public Builder withPasswordHash(String value) {
            this.passwordHash = value;
            return this;
        }
        /** A user without a console password (as SCIM creates them): it cannot sign in. */
        public Builder withoutPassword() {
            this.consolePassword = false;
            this.passwordHash = null;
            return this;
        }

        public Principal build() {
            String hash =
                    passwordHash == null && consolePassword && kind == PrincipalKind.USER ? "{noop}test" : passwordHash;
            return new Principal(id, workspace, kind, userName, displayName, active, hash);
        }
    }
}
