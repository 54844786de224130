package dev.warden.core.role;

public record RoleAssignmentId(long value) {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
