package dev.warden.core.access;

import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.service.ServiceRepository;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.TokenUse;
import dev.warden.core.token.TokenUseRecorder;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What a registered service learns about a token (DESIGN, "OAuth 2.0 and the services that rely on Warden"):
 * introspection (RFC 7662), asked by the service itself, and forward authentication, asked by a reverse proxy in front
 * of it. Both walk the one {@link DecisionChain} for the scope in question, exactly as Warden's own API does, and
 * both answer only about the scopes of that one service: a token that can do nothing there is inactive with
 * {@code SCOPE_MISSING}, and a token of another workspace is {@code TOKEN_UNKNOWN} (the service learns nothing about
 * it). Each answer about a token that passed authentication records its use, naming the service.
 */
public final class Introspection {
    private final DecisionChain chain;
    private final ServiceRepository services;
    private final TokenUseRecorder uses;
    private final Clock clock;

    public Introspection(DecisionChain chain, ServiceRepository services, TokenUseRecorder uses, Clock clock) {
        this.chain = chain;
        this.services = services;
        this.uses = uses;
        this.clock = clock;
    }

    /** Where a request came from, for the token's last use. */
    public record Origin(String clientAddress, String userAgent) {}

    /**
     * The answer about one token at one service.
     * @param service the service asked about; null when forward authentication refused the token before it knew
     *     which workspace to look the scope up in
     * @param decision the decision chain's outcome: allowed with token and owner, or the first denial
     * @param scopes when active, the token's effective scopes of this service (its scopes cover them and its owner's
     *     roles grant them), in catalogue order
     */
    public record Answer(RegisteredService service, Decision decision, DenialReason reason, List<Permission> scopes) {
        public Answer {
            Objects.requireNonNull(decision, "decision");
            scopes = List.copyOf(scopes);
        }

        static Answer active(RegisteredService service, Decision decision, List<Permission> scopes) {
            return new Answer(service, decision, null, scopes);
        }

        static Answer inactive(RegisteredService service, Decision decision, DenialReason reason) {
            return new Answer(service, decision, reason, List.of());
        }

        public boolean active() {
            return reason == null;
        }

        /** Only when active. */
        public AccessToken token() {
            return decision.token();
        }

        /** Only when active. */
        public Principal owner() {
            return decision.owner();
        }

        /** The effective scopes, space-separated, as RFC 7662's {@code scope} member and the forward headers give them. */
        public String scopeList() {
            return scopes.stream().map(Permission::key).collect(Collectors.joining(" "));
        }
    }

    // ---- who asks ------------------------------------------------------------------------------------------------

    /**
     * The registered service of a service principal that authenticated with its client id and secret; empty when it
     * is deactivated or authenticates for no registered service.
     */
    public Optional<RegisteredService> serviceOf(Principal caller) {
        if (caller.kind() != PrincipalKind.SERVICE_PRINCIPAL || !caller.active()) {
            return Optional.empty();
        }
        return services.findByServicePrincipal(caller.workspace(), caller.id());
    }

    /**
     * The registered service whose service principal owns this bearer token; empty when the token fails the chain's
     * steps 1 to 6 or its owner authenticates for no registered service. The token was used to call Warden, so its
     * use is recorded as an API use.
     */
    public Optional<RegisteredService> serviceOfBearer(String presented, Origin origin) {
        return serviceOfBearer(presented, origin, refused -> {});
    }

    /**
     * As {@link #serviceOfBearer(String, Origin)}, handing a refused bearer's decision to {@code refused} (a canary
     * token presented as the caller's credentials raises its alert there).
     */
    public Optional<RegisteredService> serviceOfBearer(String presented, Origin origin, Consumer<Decision> refused) {
        Decision caller = chain.evaluate(presented);
        if (!caller.allowed()) {
            refused.accept(caller);
            return Optional.empty();
        }
        Optional<RegisteredService> service = serviceOf(caller.owner());
        service.ifPresent(found -> record(caller.token(), origin, null));
        return service;
    }

    // ---- introspection -------------------------------------------------------------------------------------------

    /**
     * RFC 7662 for the calling service. With {@code scopeKey} (Warden's extension {@code scope}), the token is active
     * when the chain allows it that scope, which must be one of the caller's own. Without it (what generic resource
     * servers send), the token is active when at least one of the caller's scopes is effective.
     * @throws InvalidParameterException {@code scope} when it is not one of the calling service's scopes
     */
    public Answer introspect(RegisteredService caller, String presented, String scopeKey, Origin origin) {
        Permission required = null;
        if (scopeKey != null) {
            required = declared(caller, scopeKey.strip())
                    .orElseThrow(() -> new InvalidParameterException(
                            "scope",
                            "scope " + Validation.echo(scopeKey) + " is not a scope of the service '" + caller.name()
                                    + "', which introspects here; its scopes: " + keys(caller.scopes()) + "."));
        }
        // another workspace's token is none of this service's business: unknown, whatever its state
        Decision authenticated = chain.evaluateIn(presented, caller.workspace());
        if (!authenticated.allowed()) {
            return Answer.inactive(caller, authenticated, authenticated.denial().reason());
        }
        record(authenticated.token(), origin, caller.name());
        if (required != null) {
            Decision decision = chain.authorize(authenticated, required);
            if (!decision.allowed()) {
                return Answer.inactive(caller, decision, decision.denial().reason());
            }
        }
        List<Permission> effective = effective(caller, authenticated);
        return effective.isEmpty()
                ? Answer.inactive(caller, authenticated, DenialReason.SCOPE_MISSING)
                : Answer.active(caller, authenticated, effective);
    }

    // ---- forward authentication ----------------------------------------------------------------------------------

    /**
     * Forward authentication for a reverse proxy: the token the original request carried, for one scope of a
     * registered service. A scope that is not well formed is refused before the token is looked at; a well-formed one
     * is looked up among the services of the token's workspace once the token authenticates.
     * @throws InvalidParameterException {@code scope} when it is missing, malformed, or no registered service's
     */
    public Answer forward(String presented, String scopeKey, Origin origin) {
        String key = wellFormed(scopeKey);
        Decision authenticated = chain.evaluate(presented);
        if (!authenticated.allowed()) {
            return Answer.inactive(null, authenticated, authenticated.denial().reason());
        }
        AccessToken token = authenticated.token();
        RegisteredService service = services.findByName(token.workspace(), Permission.resourceOf(key))
                .filter(found -> found.declares(key))
                .orElseThrow(() -> new InvalidParameterException(
                        "scope",
                        "scope " + Validation.echo(key) + " is no scope of a service registered in the token's"
                                + " workspace. Register the service and its scopes first (Admin Console → Services)."));
        record(token, origin, service.name());
        Decision decision =
                chain.authorize(authenticated, declared(service, key).orElseThrow());
        if (!decision.allowed()) {
            return Answer.inactive(service, decision, decision.denial().reason());
        }
        return Answer.active(service, authenticated, effective(service, authenticated));
    }

    private static String wellFormed(String scopeKey) {
        String key = scopeKey == null ? "" : scopeKey.strip();
        if (key.isEmpty()) {
            throw new InvalidParameterException(
                    "scope", "scope is required: name the one scope the protected resource needs, such as wiki:read.");
        }
        boolean wellFormed;
        try {
            wellFormed = !new Scope(key).equals(Scope.ALL_APIS);
        } catch (IllegalArgumentException e) {
            wellFormed = false;
        }
        if (!wellFormed) {
            throw new InvalidParameterException(
                    "scope",
                    "scope must be one scope of a registered service, '<service>:<action>' such as wiki:read; got "
                            + Validation.echo(key) + ".");
        }
        return key;
    }

    /** The service's scopes the token may use there now: covered by its scopes and granted by its owner's roles. */
    private List<Permission> effective(RegisteredService service, Decision authenticated) {
        return service.scopes().stream()
                .filter(scope -> chain.authorize(authenticated, scope).allowed())
                .toList();
    }

    private static Optional<Permission> declared(RegisteredService service, String key) {
        return service.scopes().stream().filter(p -> p.key().equals(key)).findFirst();
    }

    private void record(AccessToken token, Origin origin, String service) {
        uses.record(new TokenUse(
                token.workspace(),
                token.id(),
                clock.instant(),
                origin == null ? null : origin.clientAddress(),
                origin == null ? null : origin.userAgent(),
                service));
    }

    private static String keys(List<Permission> scopes) {
        return scopes.stream().map(Permission::key).collect(Collectors.joining(", "));
    }
}
