package dev.warden.core.workspace;

/** The tenant every row belongs to. */
public record WorkspaceId(long value) {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
