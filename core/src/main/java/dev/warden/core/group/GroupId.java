package dev.warden.core.group;

public record GroupId(long value) {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
