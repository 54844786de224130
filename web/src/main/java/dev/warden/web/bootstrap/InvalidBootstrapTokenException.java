package dev.warden.web.bootstrap;

/** WARDEN_BOOTSTRAP_ADMIN_TOKEN holds a value that is not in Warden's format. Never carries the value. */
class InvalidBootstrapTokenException extends RuntimeException {
    InvalidBootstrapTokenException(String message) {
        super(message);
    }
}
