package dev.warden.core.role;

public record RoleId(long value) {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
