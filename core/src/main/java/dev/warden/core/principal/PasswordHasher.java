package dev.warden.core.principal;

/**
 * Port: one-way hashing of console passwords. Web implements it with Spring Security's password encoder (bcrypt), so
 * core can check a current password and store a new one without knowing the algorithm.
 */
public interface PasswordHasher {
    /** The stored form of a password that {@link ConsolePassword#require} accepted. */
    String hash(String password);

    /** Whether {@code password} is the one {@code hash} was made from; false for a null hash. */
    boolean matches(String password, String hash);
}
