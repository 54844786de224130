package dev.warden.web.directory;

import dev.warden.core.principal.PrincipalKind;

/** The two kinds of principal the Admin Console lists, with the words and addresses of their pages. */
enum DirectoryKind {
    USER(PrincipalKind.USER, "users", "user", "User", "Users"),
    SERVICE_PRINCIPAL(
            PrincipalKind.SERVICE_PRINCIPAL,
            "service-principals",
            "service principal",
            "Service principal",
            "Service principals");

    private final PrincipalKind kind;
    private final String slug;
    private final String noun;
    private final String title;
    private final String plural;

    DirectoryKind(PrincipalKind kind, String slug, String noun, String title, String plural) {
        this.kind = kind;
        this.slug = slug;
        this.noun = noun;
        this.title = title;
        this.plural = plural;
    }

    PrincipalKind kind() {
        return kind;
    }

    public String slug() {
        return slug;
    }

    /** "service principal", as a sentence says it. */
    public String noun() {
        return noun;
    }

    /** "Service principal", as a heading says it. */
    public String title() {
        return title;
    }

    public String plural() {
        return plural;
    }

    public String path() {
        return "/settings/admin/" + slug;
    }

    public boolean user() {
        return this == USER;
    }
}
