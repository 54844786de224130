package dev.warden.core.principal;

/** Principal ids are 64-bit numbers: the Databricks SDK reads owner and creator ids as int64. */
public record PrincipalId(long value) {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
