package dev.warden.web.token;

import static dev.warden.web.support.Html.tagsWith;
import static dev.warden.web.support.Html.testid;
import static dev.warden.web.support.TestData.unique;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TechnicalTokenService;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenService;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Rotate in the console, wherever Revoke is: the owner's token list and page and the admin's inventory and token
 * page offer it for active tokens only; its dialog asks for the grace, and the new secret is shown once (no-store),
 * with Done reloading the page it came from. A bad grace is shown by its field; another user's token is unknown.
 * Every refusal leaves the secret as it was.
 */
@WardenSpringBootTest
class RotateTokenConsoleIT {
    private static final String OWN = "/settings/user/tokens";
    private static final String ADMIN = "/settings/admin/tokens";

    @LocalServerPort
    int port;

    @Autowired
    TokenService tokens;

    @Autowired
    TokenRepository repository;

    @Autowired
    ApplicationContext context;

    TestData testData;
    ApiClient api;

    @BeforeEach
    void setUp() {
        testData = TestData.of(context);
        api = new ApiClient(port);
    }

    private record Owner(Principal principal, ConsoleSession console) {}

    private Owner owner(String name) {
        Principal principal = testData.consoleUser(unique(name), "owner-pass-12");
        testData.grantTokenUsage(principal);
        ConsoleSession console = new ConsoleSession(port);
        assertThat(console.logIn(principal.userName(), "owner-pass-12")).isEqualTo("/");
        return new Owner(principal, console);
    }

    private IssuedToken tokenOf(Principal owner, String name) {
        return tokens.create(Actor.of(owner, null), new CreateTokenCommand(name, null, null));
    }

    private AccessToken stored(IssuedToken token) {
        return repository
                .findById(token.token().workspace(), token.token().id())
                .orElseThrow();
    }

    @Test
    void theOwnersListAndPageOfferRotateForActiveTokensOnly() {
        Owner owner = owner("rotate-lists");
        IssuedToken active = tokenOf(owner.principal(), "active one");
        IssuedToken revoked = tokenOf(owner.principal(), "revoked one");
        tokens.revoke(Actor.of(owner.principal(), null), revoked.token().id());

        String list = owner.console().get(OWN).body();
        String page =
                owner.console().get(OWN + "/" + active.token().id().value()).body();
        String revokedPage =
                owner.console().get(OWN + "/" + revoked.token().id().value()).body();

        assertThat(tagsWith(list, "rotate-token"))
                .singleElement()
                .satisfies(button -> assertThat(button)
                        .containsEntry("hx-get", OWN + "/" + active.token().id().value() + "/rotate")
                        .containsEntry("hx-target", "#dialog-slot")
                        .containsEntry("aria-label", "Rotate active one"));
        assertThat(page).contains("data-testid=\"rotate-token\"");
        assertThat(revokedPage).doesNotContain("data-testid=\"rotate-token\"");
    }

    @Test
    void theOwnerRotatesWithAGraceAndSeesTheNewSecretOnce() {
        Owner owner = owner("rotate-owner");
        IssuedToken token = tokenOf(owner.principal(), "ci deploys");
        String path = OWN + "/" + token.token().id().value() + "/rotate";

        HttpResponse<String> dialog = owner.console().getHtmx(path);
        HttpResponse<String> rotated = owner.console().postForm(path, Map.of("graceSeconds", "3600"), true);

        assertThat(dialog.body())
                .contains(
                        "data-testid=\"rotate-dialog\"",
                        "Rotate “ci deploys”",
                        token.token().displayHint(),
                        "value=\"0\"",
                        "value=\"3600\"",
                        "value=\"604800\"")
                .doesNotContain("<html");
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(rotated.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(rotated.headers().firstValue("HX-Trigger").orElse("")).contains("token-rotated");
        String fresh = tagsWith(rotated.body(), "issued-token-value").get(0).get("value");
        assertThat(stored(token).digest()).isEqualTo(TokenDigest.of(fresh));
        assertThat(stored(token).previousDigest()).isEqualTo(token.token().digest());
        assertThat(testid(rotated.body(), "issued-summary")).contains("keeps working until");
        assertThat(tagsWith(rotated.body(), "close-issued").get(0)).doesNotContainKey("data-close-dialog");
        assertThat(api.get("/api/2.0/token/list", token.secret().reveal()).status())
                .as("old, within the grace")
                .isEqualTo(200);
        assertThat(api.get("/api/2.0/token/list", fresh).status()).isEqualTo(200);
    }

    @Test
    void withoutHtmxTheDialogAndTheNewSecretComeAsPages() {
        Owner owner = owner("rotate-plain");
        IssuedToken token = tokenOf(owner.principal(), "plain");
        String path = OWN + "/" + token.token().id().value() + "/rotate";

        HttpResponse<String> dialog = owner.console().get(path);
        HttpResponse<String> rotated = owner.console().postForm(path, Map.of("graceSeconds", "0"), false);

        assertThat(dialog.statusCode()).isEqualTo(200);
        assertThat(dialog.body()).contains("<html", "data-testid=\"rotate-dialog\"", "name=\"_csrf\"");
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(rotated.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        String fresh = tagsWith(rotated.body(), "issued-token-value").get(0).get("value");
        assertThat(stored(token).digest()).isEqualTo(TokenDigest.of(fresh));
        assertThat(tagsWith(rotated.body(), "close-issued").get(0))
                .containsEntry("href", OWN + "/" + token.token().id().value());
    }

    @Test
    void aBadGraceIsShownByItsFieldAndNothingChanges() {
        Owner owner = owner("rotate-bad");
        IssuedToken token = tokenOf(owner.principal(), "kept");
        String path = OWN + "/" + token.token().id().value() + "/rotate";

        HttpResponse<String> text = owner.console().postForm(path, Map.of("graceSeconds", "soon"), true);
        HttpResponse<String> tooLong = owner.console().postForm(path, Map.of("graceSeconds", "604801"), true);

        assertThat(testid(text.body(), "error-graceSeconds")).isEqualTo("Choose when the old secret stops working.");
        assertThat(testid(tooLong.body(), "error-graceSeconds")).contains("604800");
        assertThat(tooLong.body()).contains("data-testid=\"rotate-dialog\"").doesNotContain("issued-token-value");
        assertThat(stored(token).digest()).isEqualTo(token.token().digest());
    }

    @Test
    void anotherUsersTokenIsUnknownOnTheOwnPathAndKeepsItsSecret() {
        Owner owner = owner("rotate-intruder");
        Principal other = testData.user(unique("rotate-victim"), BuiltInRole.USER);
        IssuedToken theirs = tokenOf(other, "theirs");
        String path = OWN + "/" + theirs.token().id().value() + "/rotate";

        HttpResponse<String> dialog = owner.console().get(path);
        HttpResponse<String> rotated = owner.console().postForm(path, Map.of("graceSeconds", "0"), true);

        assertThat(dialog.statusCode()).isEqualTo(404);
        assertThat(rotated.body()).contains("data-testid=\"flash-error\"").doesNotContain("issued-token-value");
        assertThat(stored(theirs).digest()).isEqualTo(theirs.token().digest());
    }

    @Test
    void aGroupAdminRotatesTheirGroupsTokenOnItsTabAndNotAnotherGroups() {
        TechnicalTokenService technical = context.getBean(TechnicalTokenService.class);
        Principal groupAdmin = testData.consoleUser(unique("rotate-grp-admin"), "owner-pass-12");
        testData.grantTokenUsage(groupAdmin); // it walks away with the secret
        Group own = testData.group(unique("rotate-squad"));
        Group other = testData.group(unique("rotate-other"));
        testData.assign(testData.builtIn(BuiltInRole.GROUP_ADMIN), groupAdmin, own);
        CreateTokenCommand command = new CreateTokenCommand(unique("squad-bot"), null, List.of("scim:read"));
        IssuedToken ours = technical.createGroupToken(testData.admin(), own.id(), command, "group-member");
        IssuedToken theirs = technical.createGroupToken(testData.admin(), other.id(), command, "group-member");
        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.logIn(groupAdmin.userName(), "owner-pass-12")).isEqualTo("/");
        String tab = "/settings/admin/groups/" + own.id().value() + "/tokens";
        String otherTab = "/settings/admin/groups/" + other.id().value() + "/tokens";

        String list = session.get(tab).body();
        HttpResponse<String> rotated =
                session.postForm(tab + "/" + ours.token().id().value() + "/rotate", Map.of("graceSeconds", "0"), true);
        HttpResponse<String> refused = session.postForm(
                otherTab + "/" + theirs.token().id().value() + "/rotate", Map.of("graceSeconds", "0"), true);

        assertThat(tagsWith(list, "rotate-token"))
                .singleElement()
                .satisfies(button -> assertThat(button)
                        .containsEntry("hx-get", tab + "/" + ours.token().id().value() + "/rotate"));
        String fresh = tagsWith(rotated.body(), "issued-token-value").get(0).get("value");
        assertThat(stored(ours).digest()).isEqualTo(TokenDigest.of(fresh));
        assertThat(refused.body()).contains("data-testid=\"flash-error\"").doesNotContain("issued-token-value");
        assertThat(stored(theirs).digest()).isEqualTo(theirs.token().digest());
    }

    @Test
    void theAdminRotatesAnOrganisationTokenFromItsList() {
        TechnicalTokenService technical = context.getBean(TechnicalTokenService.class);
        ConsoleSession admin = new ConsoleSession(port);
        assertThat(admin.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
        IssuedToken token = technical.createOrganisationToken(
                testData.admin(), new CreateTokenCommand(unique("org-bot"), null, List.of("scim:read")), "user");
        String path =
                OrganisationTokensController.PATH + "/" + token.token().id().value();

        String list = admin.get(OrganisationTokensController.PATH).body();
        HttpResponse<String> rotated = admin.postForm(path + "/rotate", Map.of("graceSeconds", "0"), true);

        assertThat(tagsWith(list, "rotate-token"))
                .anySatisfy(b -> assertThat(b).containsEntry("hx-get", path + "/rotate"));
        String fresh = tagsWith(rotated.body(), "issued-token-value").get(0).get("value");
        assertThat(stored(token).digest()).isEqualTo(TokenDigest.of(fresh));
        assertThat(api.get("/api/2.0/preview/scim/v2/Me", fresh).status())
                .as("its scope, scim:read")
                .isEqualTo(200);
    }

    @Test
    void theAdminRotatesFromTheInventoryAndTheTokenPage() {
        ConsoleSession admin = new ConsoleSession(port);
        assertThat(admin.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
        Principal owner = testData.user(unique("rotate-managed"), BuiltInRole.USER);
        IssuedToken token = tokenOf(owner, unique("managed"));
        String id = token.token().id().value();

        String inventory = admin.get(ADMIN + "?owner_id=" + owner.id().value()).body();
        String page = admin.get(ADMIN + "/" + id).body();
        HttpResponse<String> rotated = admin.postForm(ADMIN + "/" + id + "/rotate", Map.of("graceSeconds", "0"), true);

        assertThat(tagsWith(inventory, "rotate-token"))
                .singleElement()
                .satisfies(button -> assertThat(button).containsEntry("hx-get", ADMIN + "/" + id + "/rotate"));
        assertThat(page).contains("data-testid=\"rotate-token\"");
        String fresh = tagsWith(rotated.body(), "issued-token-value").get(0).get("value");
        assertThat(testid(rotated.body(), "issued-summary")).contains("has stopped working");
        assertThat(api.get("/api/2.0/token/list", token.secret().reveal()).status())
                .isEqualTo(401);
        assertThat(api.get("/api/2.0/token/list", fresh).status()).isEqualTo(200);
    }
}
