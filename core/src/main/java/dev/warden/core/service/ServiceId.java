package dev.warden.core.service;

public record ServiceId(long value) {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
