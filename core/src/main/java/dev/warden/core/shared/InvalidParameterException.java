package dev.warden.core.shared;

/** Input that cannot be accepted; {@link #field()} names the offending field as the API spells it. */
public class InvalidParameterException extends DomainException {
    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
