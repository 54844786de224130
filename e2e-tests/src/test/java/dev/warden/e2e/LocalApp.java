package dev.warden.e2e;

/** Where the application under test listens. */
public final class LocalApp {
    private LocalApp() {}

    /**
     * The app is addressed by IP, never as {@code localhost}: the browser runs with a host-resolver rule that
     * resolves no host name at all (see {@link Browser}).
     */
    public static String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }
}
