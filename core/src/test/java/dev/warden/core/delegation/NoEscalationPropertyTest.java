package dev.warden.core.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupService;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.PermissionCatalogue;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.Principals;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.role.Grant;
import dev.warden.core.role.PermissionResolver;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleId;
import dev.warden.core.role.RoleService;
import dev.warden.core.settings.InMemorySettingsRepository;
import dev.warden.core.shared.DomainException;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.testkit.InMemoryDirectory;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.InMemoryTokenRepository;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TechnicalTokenService;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenManagementService;
import dev.warden.core.token.TokenService;
import dev.warden.core.tokenusage.InMemoryTokenUsageRepository;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.core.workspace.WorkspaceId;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN, "Delegation: nobody hands out what they do not hold", checked by random walks. Random actors of a fixed
 * population run random privileged operations through the real core services over the in-memory fakes; after every
 * operation, whatever its outcome, no principal may exercise anything it could not exercise before unless the actor
 * of that operation could exercise it before:
 * <pre>for every principal P:  power_after(P) \ power_before(P)  ⊆  power_before(actor)</pre>
 * A principal's power ({@link World#powers}) is what it can exercise: its own grants (directly and through its groups),
 * its token usage level (granting token usage is a grant too), and, for every token secret it has received and that
 * works now, the grants of the token's owner that the token's scopes cover. A grant at workspace scope covers the
 * same permission on every group. Whoever creates a token (personal, on behalf of, organisation, group) receives its
 * secret, whoever rotates one receives the new secret (the old one keeps working for its holders during a grace).
 * <p>
 * The operations ({@link Op}) are the privileged use cases of core: assign and unassign roles, create and change
 * custom roles, add and remove group members, add, raise and remove token usage entries, create every kind of token,
 * rotate, revoke and restore tokens (through token management and as their owner), activate and deactivate
 * principals. A refusal ({@link DomainException}) is a fine outcome, but it must leave no trace; any other exception
 * fails the walk. Operations name the population by index, and the roles and tokens the walk creates by the name the
 * creating operation gave them ("custom-17", "t17"), so that a sequence replays the same way with operations taken
 * out; one that names something that does not exist (yet) is skipped.
 * <p>
 * Each seed is reproducible: the walk, the service's random source and so the token ids all derive from it. A
 * failure is shrunk (delta debugging over the operation list, each candidate replayed on a fresh world) and
 * reported with the seed and the short sequence. Run one seed with {@code -Dwarden.noEscalation.seed=N} (and
 * optionally {@code -Dwarden.noEscalation.ops=N}).
 */
class NoEscalationPropertyTest {
    private static final long[] SEEDS = {1L, 42L, 2_025L, 31_337L, 8_675_309L};
    private static final int OPS_PER_SEED = 2_000;
    private static final String SEED_PROPERTY = "warden.noEscalation.seed";
    private static final String OPS_PROPERTY = "warden.noEscalation.ops";

    static final WorkspaceId WS = Principals.WORKSPACE;

    // ---- the fixed population, referenced by index so that a sequence of operations can be replayed ----------------

    /** Index 0 is the one workspace admin; 8 and 9 are service principals. */
    static final String[] PEOPLE = {
        "admin", "alice", "bob", "carol", "dave", "erin", "frank", "grace", "sp-build", "sp-deploy"
    };

    static final int[] SERVICE_PRINCIPALS = {8, 9};
    static final String[] APPLICATION_IDS = {
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        "0b5e3c4a-1111-4a7b-9c1d-000000000008",
        "0b5e3c4a-2222-4a7b-9c1d-000000000009"
    };
    static final String[] GROUPS = {"A", "B", "C"};
    /** The custom roles the population starts with; the walk creates more, each named by the operation creating it. */
    static final String[] INITIAL_CUSTOM_ROLES = {"role-writer", "token-manager", "usage-writer"};

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noOperationLetsAnyoneExerciseWhatItsActorDidNotHold(long seed) {
        int ops = Integer.getInteger(OPS_PROPERTY, OPS_PER_SEED);
        Walk walk = Walk.explore(seed, ops);
        if (walk.failure() != null) {
            fail(Walk.report(seed, walk));
        }
        assertThat(walk.ops()).hasSize(ops);
    }

    @Test
    void theDefaultRunCoversAtLeastTenThousandOperations() {
        assertThat(SEEDS.length * OPS_PER_SEED).isGreaterThanOrEqualTo(10_000);
    }

    static Stream<Long> seeds() {
        String one = System.getProperty(SEED_PROPERTY);
        return one == null || one.isBlank() ? LongStream.of(SEEDS).boxed() : Stream.of(Long.parseLong(one.strip()));
    }

    // ---- what a principal can exercise ----------------------------------------------------------------------------

    /** One thing a principal can exercise: a permission (or a token usage level), at workspace scope or on a group. */
    record Power(String what, GroupId scope) implements Comparable<Power> {
        static final Power MAY_USE_TOKENS = new Power("token usage " + TokenUsageLevel.CAN_USE, null);
        static final Power MAY_MANAGE_TOKENS = new Power("token usage " + TokenUsageLevel.CAN_MANAGE, null);

        static Power of(Grant grant) {
            return new Power(
                    grant.permission().key(),
                    grant.atWorkspaceScope() ? null : grant.scope().id());
        }

        /** Held in {@code powers}: the same, or the same permission at workspace scope. */
        boolean coveredBy(Set<Power> powers) {
            return powers.contains(this) || (scope != null && powers.contains(new Power(what, null)));
        }

        String describe() {
            return what + (scope == null ? " (workspace)" : " (on group " + groupLabel(scope) + ")");
        }

        @Override
        public int compareTo(Power other) {
            return Comparator.comparing(Power::what)
                    .thenComparing(p -> p.scope() == null ? -1L : p.scope().value())
                    .compare(this, other);
        }
    }

    static String groupLabel(GroupId id) {
        return id.value() >= 1 && id.value() <= GROUPS.length ? GROUPS[(int) id.value() - 1] : "#" + id.value();
    }

    /** Who holds a token's secret: the current one, and the previous one while its rotation grace lasts. */
    static final class Secrets {
        final PrincipalId owner;
        Set<PrincipalId> current = new LinkedHashSet<>();
        Set<PrincipalId> previous = new LinkedHashSet<>();

        Secrets(PrincipalId owner) {
            this.owner = owner;
        }

        /** Whether someone other than the owner holds a secret (the owner's tokens never add to its own power). */
        boolean heldByOthers() {
            return current.stream().anyMatch(holder -> !holder.equals(owner))
                    || previous.stream().anyMatch(holder -> !holder.equals(owner));
        }
    }

    // ---- the world: the services over linked fakes, and what the walk knows about them -----------------------------

    /** The services of a {@link CoreTestKit} whose token ids derive from the seed; the population; the secrets. */
    static final class World {
        final CoreTestKit kit;
        final MutableClock clock;
        final InMemoryTokenRepository tokens;
        final InMemoryDirectory directory;
        final InMemoryTokenUsageRepository acl;
        final InMemorySettingsRepository settings;
        final PermissionResolver resolver;
        final TokenUsagePolicy usage;
        final TokenUsageService tokenUsageService;
        final TokenService tokenService;
        final TokenManagementService tokenManagement;
        final TechnicalTokenService technicalTokens;
        final RoleService roleService;
        final GroupService groupService;
        final DirectoryService directoryService;

        final List<PrincipalId> people = new ArrayList<>();
        final List<GroupId> groups = new ArrayList<>();
        /** Custom roles by name, in the order they came to be: the initial ones, then those the walk created. */
        final Map<String, RoleId> customRoles = new LinkedHashMap<>();
        /** Tokens the walk created, by the name the creating operation gave them ("t17": created by operation 17). */
        final Map<String, TokenId> created = new LinkedHashMap<>();

        final Map<TokenId, Secrets> secrets = new HashMap<>();
        final Map<PrincipalId, String> labels = new HashMap<>();

        World(long seed) {
            kit = CoreTestKit.builder().random(seededRandom(seed)).build();
            clock = kit.clock;
            tokens = kit.tokens;
            directory = kit.directory;
            acl = kit.acl;
            settings = kit.settings;
            resolver = kit.resolver;
            usage = kit.usage;
            tokenUsageService = kit.tokenUsageService;
            tokenService = kit.tokenService;
            tokenManagement = kit.tokenManagement;
            technicalTokens = kit.technicalTokens;
            roleService = kit.roleService;
            groupService = kit.groupService;
            directoryService = kit.directoryService;
            populate();
        }

        private static SecureRandom seededRandom(long seed) {
            try {
                SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
                random.setSeed(seed); // before the first use: the sequence is the seed's alone
                return random;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * admin (the kit's): workspace-admin · alice: user · bob: user + role-writer {roles:write} · carol: token-manager
         * {token-management:write, tokens:read, tokens:write} only · dave: usage-writer {permissions:write} only ·
         * erin: user + group-admin on A · frank: auditor · grace: user · sp-build: user · sp-deploy: auditor.
         * Group A (alice, erin) holds group-member on A; B (frank, grace) has token usage CAN_USE; C (nobody) holds
         * token-manager. Token usage: alice, carol, dave, erin, sp-build CAN_USE; group B CAN_USE.
         */
        private void populate() {
            for (int i = 0; i < PEOPLE.length; i++) {
                PrincipalId id = i == 0
                        ? kit.admin.id() // "admin", the kit's one workspace admin
                        : directory
                                .principals
                                .save(
                                        APPLICATION_IDS[i] == null
                                                ? Principals.aUser(PEOPLE[i]).build()
                                                : Principal.newServicePrincipal(WS, APPLICATION_IDS[i], PEOPLE[i]))
                                .id();
                people.add(id);
                labels.put(id, PEOPLE[i]);
            }
            for (String name : GROUPS) {
                groups.add(directory
                        .groups
                        .save(new Group(null, WS, "group-" + name, null))
                        .id());
            }
            RoleId roleWriter = customRole(INITIAL_CUSTOM_ROLES[0], Set.of(Permission.ROLES_WRITE));
            RoleId tokenManager = customRole(
                    INITIAL_CUSTOM_ROLES[1],
                    Set.of(Permission.TOKEN_MANAGEMENT_WRITE, Permission.TOKENS_READ, Permission.TOKENS_WRITE));
            RoleId usageWriter = customRole(INITIAL_CUSTOM_ROLES[2], Set.of(Permission.PERMISSIONS_WRITE));

            give(builtIn(BuiltInRole.USER), 1, null);
            give(builtIn(BuiltInRole.USER), 2, null);
            give(roleWriter, 2, null);
            give(tokenManager, 3, null);
            give(usageWriter, 4, null);
            give(builtIn(BuiltInRole.USER), 5, null);
            give(builtIn(BuiltInRole.GROUP_ADMIN), 5, groups.get(0));
            give(builtIn(BuiltInRole.AUDITOR), 6, null);
            give(builtIn(BuiltInRole.USER), 7, null);
            give(builtIn(BuiltInRole.USER), 8, null);
            give(builtIn(BuiltInRole.AUDITOR), 9, null);

            member(0, 1);
            member(0, 5);
            member(1, 6);
            member(1, 7);
            directory.assignments.add(
                    RoleAssignment.toGroup(WS, builtIn(BuiltInRole.GROUP_MEMBER), groups.get(0), groups.get(0)));
            directory.assignments.add(RoleAssignment.toGroup(WS, tokenManager, groups.get(2), null));

            acl.replace(
                    WS,
                    List.of(
                            TokenUsageEntry.forPrincipal(people.get(1), TokenUsageLevel.CAN_USE),
                            TokenUsageEntry.forPrincipal(people.get(3), TokenUsageLevel.CAN_USE),
                            TokenUsageEntry.forPrincipal(people.get(4), TokenUsageLevel.CAN_USE),
                            TokenUsageEntry.forPrincipal(people.get(5), TokenUsageLevel.CAN_USE),
                            TokenUsageEntry.forPrincipal(people.get(8), TokenUsageLevel.CAN_USE),
                            TokenUsageEntry.forGroup(groups.get(1), TokenUsageLevel.CAN_USE)));
        }

        private RoleId customRole(String name, Set<Permission> permissions) {
            RoleId id =
                    directory.roles.save(Role.custom(WS, name, "", permissions)).id();
            customRoles.put(name, id);
            return id;
        }

        private RoleId builtIn(BuiltInRole role) {
            return directory.roles.builtIn(WS, role).id();
        }

        private void give(RoleId role, int person, GroupId scope) {
            directory.assignments.add(RoleAssignment.toPrincipal(WS, role, people.get(person), scope));
        }

        private void member(int group, int person) {
            directory.groups.addMember(WS, groups.get(group), people.get(person));
        }

        // -- references the operations use --

        Principal principal(PrincipalId id) {
            return directory.principals.findById(WS, id).orElseThrow(() -> new Skip("principal " + id + " is gone"));
        }

        Actor actor(int person) {
            return Principals.actor(principal(people.get(person)));
        }

        AccessToken token(String name) {
            TokenId id = created.get(name);
            if (id == null) {
                throw new Skip("there is no token " + name);
            }
            return tokens.findById(WS, id).orElseThrow(() -> new Skip("token " + name + " is gone"));
        }

        String label(PrincipalId id) {
            return labels.getOrDefault(id, "principal " + id);
        }

        /** The actor walks away with the secret of a token it just created, which {@code name} names from now on. */
        String received(String name, IssuedToken issued, int actor, String ownerLabel) {
            TokenId id = issued.token().id();
            created.put(name, id);
            Secrets held = new Secrets(issued.token().owner());
            held.current.add(people.get(actor));
            secrets.put(id, held);
            labels.putIfAbsent(issued.token().owner(), ownerLabel);
            return "scopes " + issued.token().scopes();
        }

        /** The rotator receives the new secret; the old one keeps working for its holders only during a grace. */
        void rotated(TokenId id, int actor, boolean grace) {
            Secrets held = secrets.get(id);
            held.previous = grace ? held.current : new LinkedHashSet<>();
            held.current = new LinkedHashSet<>(List.of(people.get(actor)));
        }

        // -- power --

        /** Everything {@link #powers} reads besides the secrets, as values: equal states mean equal powers. */
        List<Object> state() {
            List<Object> state = new ArrayList<>();
            state.add(directory.principals.all());
            state.add(directory.assignments.all());
            state.add(directory.roles.list(WS));
            state.add(directory.groups.all());
            directory.groups.all().forEach(group -> state.add(directory.groups.members(group.workspace(), group.id())));
            state.add(acl.list(WS));
            state.add(settings.get(WS));
            for (AccessToken token : tokens.all()) {
                state.add(Arrays.asList(
                        token.id(),
                        token.owner(),
                        token.revision(),
                        token.scopes(),
                        token.expiresAt(),
                        token.previousDigest(),
                        token.previousValidUntil()));
            }
            return state;
        }

        /** What each principal of the workspace can exercise now; see the class comment. */
        Map<PrincipalId, Set<Power>> powers() {
            Map<PrincipalId, Principal> all = new TreeMap<>(Comparator.comparingLong(PrincipalId::value));
            directory.principals.all().stream()
                    .filter(p -> p.workspace().equals(WS))
                    .forEach(p -> all.put(p.id(), p));
            Map<PrincipalId, EffectivePermissions> grants = new HashMap<>();
            Map<PrincipalId, Optional<TokenUsageLevel>> levels = new HashMap<>();
            Map<PrincipalId, Set<Power>> powers = new TreeMap<>(Comparator.comparingLong(PrincipalId::value));
            for (Principal principal : all.values()) {
                EffectivePermissions held = resolver.of(principal);
                grants.put(principal.id(), held);
                Set<Power> own = new HashSet<>();
                held.grants().forEach(grant -> own.add(Power.of(grant)));
                Optional<TokenUsageLevel> level = usage.levelOf(principal, held);
                levels.put(principal.id(), level);
                level.ifPresent(at -> {
                    own.add(Power.MAY_USE_TOKENS);
                    if (at == TokenUsageLevel.CAN_MANAGE) {
                        own.add(Power.MAY_MANAGE_TOKENS);
                    }
                });
                powers.put(principal.id(), own);
            }
            Instant now = clock.instant();
            boolean enabled = settings.get(WS).tokensEnabled();
            for (Map.Entry<TokenId, Secrets> entry : secrets.entrySet()) {
                if (!entry.getValue().heldByOthers()) {
                    continue;
                }
                Set<PrincipalId> holders = new HashSet<>(entry.getValue().current);
                holders.addAll(entry.getValue().previous);
                Optional<AccessToken> found = enabled ? tokens.findById(WS, entry.getKey()) : Optional.empty();
                if (found.isEmpty()) {
                    continue;
                }
                AccessToken token = found.get();
                holders.remove(token.owner()); // a token never does more than its owner's own grants
                if (holders.isEmpty()) {
                    continue;
                }
                Principal owner = all.get(token.owner());
                if (token.isRevoked()
                        || token.isExpiredAt(now)
                        || owner == null
                        || !owner.active()
                        || levels.get(owner.id()).isEmpty()) {
                    continue;
                }
                if (token.previousDigest() == null
                        || token.previousValidUntil() == null
                        || !now.isBefore(token.previousValidUntil())) {
                    holders.retainAll(entry.getValue().current);
                }
                Set<Power> can = new HashSet<>();
                for (Grant grant : grants.get(owner.id()).grants()) {
                    for (Scope scope : token.scopes()) {
                        if (scope.covers(grant.permission())) {
                            can.add(Power.of(grant));
                            break;
                        }
                    }
                }
                holders.forEach(holder ->
                        powers.computeIfAbsent(holder, x -> new HashSet<>()).addAll(can));
            }
            return powers;
        }
    }

    /** An operation that cannot be run in this world (no such token yet, say): it changes nothing. */
    static final class Skip extends RuntimeException {
        Skip(String message) {
            super(message, null, false, false);
        }
    }

    // ---- the operations ---------------------------------------------------------------------------------------------

    /** One privileged operation by one member of the population; refusals are fine outcomes. */
    sealed interface Op {
        int actor();

        /** What it does, with its arguments, as the failure message lists it. */
        String describe();

        /** Runs it through the real services; returns what it resolved or produced (null: nothing to tell). */
        String apply(World world);
    }

    /** A role: built in, or a custom role by name (skipped while it does not exist). */
    record RoleRef(BuiltInRole builtIn, String custom) {
        static RoleRef of(BuiltInRole role) {
            return new RoleRef(role, null);
        }

        static RoleRef custom(String name) {
            return new RoleRef(null, name);
        }

        RoleId resolve(World world) {
            if (builtIn != null) {
                return world.directory.roles.builtIn(WS, builtIn).id();
            }
            RoleId id = world.customRoles.get(custom);
            if (id == null) {
                throw new Skip("there is no role " + custom);
            }
            return id;
        }

        @Override
        public String toString() {
            return builtIn != null ? builtIn.roleName() : custom;
        }
    }

    /** A principal of the population or a group. */
    record Subject(Integer person, Integer group) {
        @Override
        public String toString() {
            return person != null ? PEOPLE[person] : "group " + GROUPS[group];
        }
    }

    static String scopeText(Integer group) {
        return group == null ? "workspace" : "group " + GROUPS[group];
    }

    record Assign(int actor, RoleRef role, Subject to, Integer scope) implements Op {
        public String describe() {
            return "assign role " + role + " to " + to + " at " + scopeText(scope);
        }

        public String apply(World w) {
            RoleAssignment saved = w.roleService.assign(
                    w.actor(actor),
                    role.resolve(w),
                    to.person() == null ? null : w.people.get(to.person()),
                    to.group() == null ? null : w.groups.get(to.group()),
                    scope == null ? null : w.groups.get(scope));
            return "assignment " + saved.id();
        }
    }

    /** Removes the assignment of this role to this principal or group at this scope (skipped when there is none). */
    record Unassign(int actor, RoleRef role, Subject from, Integer scope) implements Op {
        public String describe() {
            return "unassign role " + role + " from " + from + " at " + scopeText(scope);
        }

        public String apply(World w) {
            RoleId id = role.resolve(w);
            PrincipalId principal = from.person() == null ? null : w.people.get(from.person());
            GroupId group = from.group() == null ? null : w.groups.get(from.group());
            GroupId on = scope == null ? null : w.groups.get(scope);
            RoleAssignment found = w.directory.assignments.forRole(WS, id).stream()
                    .filter(a -> Objects.equals(a.principal(), principal)
                            && Objects.equals(a.group(), group)
                            && Objects.equals(a.scopeGroup(), on))
                    .findFirst()
                    .orElseThrow(() -> new Skip("no such assignment"));
            w.roleService.unassign(w.actor(actor), found.id());
            return null;
        }
    }

    record CreateRole(int actor, String name, Set<Permission> permissions) implements Op {
        public String describe() {
            return "create custom role " + name + " with " + permissions;
        }

        public String apply(World w) {
            Role role = w.roleService.create(w.actor(actor), name, null, permissions);
            w.customRoles.put(name, role.id());
            return null;
        }
    }

    /** Widens and/or narrows a custom role: its permissions become (current ∪ add) \ remove. */
    record ChangeRole(int actor, RoleRef role, Set<Permission> add, Set<Permission> remove) implements Op {
        public String describe() {
            return "change role " + role + (add.isEmpty() ? "" : " +" + add) + (remove.isEmpty() ? "" : " -" + remove);
        }

        public String apply(World w) {
            RoleId id = role.resolve(w);
            Role before = w.directory.roles.findById(WS, id).orElseThrow(() -> new Skip(role + " is gone"));
            Set<Permission> after = new TreeSet<>();
            after.addAll(before.permissions());
            after.addAll(add);
            after.removeAll(remove);
            w.roleService.update(w.actor(actor), id, null, null, after);
            return "now " + after;
        }
    }

    record AddMembers(int actor, int group, List<Integer> members) implements Op {
        public String describe() {
            return "add " + names(members) + " to group " + GROUPS[group];
        }

        public String apply(World w) {
            w.groupService.addMembers(
                    w.actor(actor),
                    w.groups.get(group),
                    members.stream().map(w.people::get).toList());
            return null;
        }
    }

    record RemoveMembers(int actor, int group, List<Integer> members) implements Op {
        public String describe() {
            return "remove " + names(members) + " from group " + GROUPS[group];
        }

        public String apply(World w) {
            w.groupService.removeMembers(
                    w.actor(actor),
                    w.groups.get(group),
                    members.stream().map(w.people::get).toList());
            return null;
        }
    }

    record PatchUsage(int actor, Subject subject, TokenUsageLevel level) implements Op {
        public String describe() {
            return "set token usage of " + subject + " to " + level;
        }

        public String apply(World w) {
            TokenUsageEntry entry = subject.person() != null
                    ? TokenUsageEntry.forPrincipal(w.people.get(subject.person()), level)
                    : TokenUsageEntry.forGroup(w.groups.get(subject.group()), level);
            w.tokenUsageService.patch(w.actor(actor), List.of(entry));
            return null;
        }
    }

    /** Takes a principal or group off the token usage list (a PUT of the list without its entry): suspends tokens. */
    record RemoveUsage(int actor, Subject subject) implements Op {
        public String describe() {
            return "remove " + subject + " from the token usage list";
        }

        public String apply(World w) {
            PrincipalId principal = subject.person() == null ? null : w.people.get(subject.person());
            GroupId group = subject.group() == null ? null : w.groups.get(subject.group());
            List<TokenUsageEntry> kept = w.acl.list(WS).stream()
                    .filter(entry ->
                            !(Objects.equals(entry.principal(), principal) && Objects.equals(entry.group(), group)))
                    .toList();
            if (kept.size() == w.acl.list(WS).size()) {
                throw new Skip(subject + " has no entry");
            }
            w.tokenUsageService.replace(w.actor(actor), kept);
            return null;
        }
    }

    record CreatePersonalToken(int actor, String name, List<String> scopes) implements Op {
        public String describe() {
            return "create personal token " + name + " with scopes " + scopesText(scopes);
        }

        public String apply(World w) {
            return w.received(name, w.tokenService.create(w.actor(actor), command(scopes)), actor, PEOPLE[actor]);
        }
    }

    record CreateOnBehalfOf(int actor, String name, int servicePrincipal, List<String> scopes) implements Op {
        public String describe() {
            return "create token " + name + " on behalf of " + PEOPLE[servicePrincipal] + " with scopes "
                    + scopesText(scopes);
        }

        public String apply(World w) {
            return w.received(
                    name,
                    w.tokenManagement.createOnBehalfOf(
                            w.actor(actor), APPLICATION_IDS[servicePrincipal], command(scopes)),
                    actor,
                    PEOPLE[servicePrincipal]);
        }
    }

    record CreateOrganisationToken(int actor, String name, BuiltInRole role, List<String> scopes) implements Op {
        public String describe() {
            return "create organisation token " + name + " (" + role.roleName() + ") with scopes " + scopesText(scopes);
        }

        public String apply(World w) {
            return w.received(
                    name,
                    w.technicalTokens.createOrganisationToken(w.actor(actor), command(scopes), role.roleName()),
                    actor,
                    "technical user of " + name + " (" + role.roleName() + ")");
        }
    }

    record CreateGroupToken(int actor, String name, int group, BuiltInRole role, List<String> scopes) implements Op {
        public String describe() {
            return "create token " + name + " of group " + GROUPS[group] + " (" + role.roleName() + ") with scopes "
                    + scopesText(scopes);
        }

        public String apply(World w) {
            return w.received(
                    name,
                    w.technicalTokens.createGroupToken(
                            w.actor(actor), w.groups.get(group), command(scopes), role.roleName()),
                    actor,
                    "technical user of " + name + " (" + role.roleName() + " on " + GROUPS[group] + ")");
        }
    }

    record Rotate(int actor, String token, boolean grace) implements Op {
        public String describe() {
            return "rotate token " + token + " through token management" + (grace ? " (1 h grace)" : "");
        }

        public String apply(World w) {
            TokenId id = w.token(token).id();
            w.tokenManagement.rotate(w.actor(actor), id, grace ? Duration.ofHours(1) : Duration.ZERO);
            w.rotated(id, actor, grace);
            return null;
        }
    }

    record ManagedRevoke(int actor, String token) implements Op {
        public String describe() {
            return "revoke token " + token + " through token management";
        }

        public String apply(World w) {
            w.tokenManagement.revoke(w.actor(actor), w.token(token).id());
            return null;
        }
    }

    record ManagedRestore(int actor, String token) implements Op {
        public String describe() {
            return "restore token " + token + " through token management";
        }

        public String apply(World w) {
            w.tokenManagement.restore(w.actor(actor), w.token(token).id());
            return null;
        }
    }

    record OwnRevoke(int actor, String token) implements Op {
        public String describe() {
            return "revoke own token " + token;
        }

        public String apply(World w) {
            w.tokenService.revoke(w.actor(actor), w.token(token).id());
            return null;
        }
    }

    record OwnRestore(int actor, String token) implements Op {
        public String describe() {
            return "restore own token " + token;
        }

        public String apply(World w) {
            w.tokenService.restore(w.actor(actor), w.token(token).id());
            return null;
        }
    }

    /** (De)activates a member of the population or, with {@code ownerOfToken}, the owner of that token. */
    record SetActive(int actor, Integer person, String ownerOfToken, boolean active) implements Op {
        public String describe() {
            return (active ? "activate " : "deactivate ")
                    + (person != null ? PEOPLE[person] : "the owner of token " + ownerOfToken);
        }

        public String apply(World w) {
            Principal target = w.principal(
                    person != null
                            ? w.people.get(person)
                            : w.token(ownerOfToken).owner());
            w.directoryService.setActive(w.actor(actor), target.kind(), target.id(), active);
            return person != null ? null : w.label(target.id());
        }
    }

    static CreateTokenCommand command(List<String> scopes) {
        return new CreateTokenCommand(null, Duration.ofDays(30), scopes);
    }

    static String scopesText(List<String> scopes) {
        return scopes == null ? "(none: all-apis)" : scopes.toString();
    }

    static String names(List<Integer> people) {
        return people.stream().map(i -> PEOPLE[i]).collect(Collectors.joining(", ", "[", "]"));
    }

    // ---- generating operations --------------------------------------------------------------------------------------

    /** Picks the next operation from the seed's random source and what the world holds now (how many tokens, roles). */
    static Op next(Random random, World world, int index) {
        int actor = random.nextInt(PEOPLE.length);
        List<String> tokenNames = List.copyOf(world.created.keySet());
        int tokenCount = tokenNames.size();
        String token = tokenCount == 0 ? "t?" : tokenNames.get(random.nextInt(tokenCount));
        String name = "t" + index;
        int kind = random.nextInt(100);
        if (kind < 14) {
            RoleRef role = role(random, world);
            Subject to = subject(random);
            Integer scope = role.builtIn() != null && role.builtIn().groupScoped() || random.nextInt(10) < 3
                    ? random.nextInt(GROUPS.length)
                    : null;
            return new Assign(actor, role, to, scope);
        } else if (kind < 20) {
            return unassign(random, world, actor);
        } else if (kind < 23) {
            return new CreateRole(
                    actor,
                    "custom-" + index,
                    random.nextInt(10) == 0 ? Set.copyOf(Permission.warden()) : permissions(random, 0.25));
        } else if (kind < 31) {
            List<String> customNames = List.copyOf(world.customRoles.keySet());
            RoleRef role = RoleRef.custom(customNames.get(random.nextInt(customNames.size())));
            boolean widen = random.nextInt(10) < 6;
            Set<Permission> change = new TreeSet<>(Set.of(
                    Permission.warden().get(random.nextInt(Permission.warden().size()))));
            if (random.nextBoolean()) {
                change.add(Permission.warden()
                        .get(random.nextInt(Permission.warden().size())));
            }
            return widen
                    ? new ChangeRole(actor, role, change, Set.of())
                    : new ChangeRole(actor, role, Set.of(), change);
        } else if (kind < 40) {
            return new AddMembers(actor, random.nextInt(GROUPS.length), people(random));
        } else if (kind < 44) {
            return new RemoveMembers(actor, random.nextInt(GROUPS.length), people(random));
        } else if (kind < 49) {
            return new PatchUsage(
                    actor,
                    subject(random),
                    // CAN_MANAGE is never grantable: those attempts must be refused without a trace
                    random.nextInt(3) == 0 ? TokenUsageLevel.CAN_MANAGE : TokenUsageLevel.CAN_USE);
        } else if (kind < 52) {
            List<Subject> listed = world.acl.list(WS).stream()
                    .map(entry -> entry.principal() != null
                            ? new Subject(world.people.indexOf(entry.principal()), null)
                            : new Subject(null, world.groups.indexOf(entry.group())))
                    .filter(subject -> subject.person() == null ? subject.group() >= 0 : subject.person() >= 0)
                    .toList();
            Subject listedOne = listed.isEmpty() ? subject(random) : listed.get(random.nextInt(listed.size()));
            return new RemoveUsage(actor, listedOne);
        } else if (kind < 58) {
            return new CreatePersonalToken(actor, name, scopes(random));
        } else if (kind < 64) {
            return new CreateOnBehalfOf(
                    actor, name, SERVICE_PRINCIPALS[random.nextInt(SERVICE_PRINCIPALS.length)], scopes(random));
        } else if (kind < 69) {
            return new CreateOrganisationToken(
                    actor, name, random.nextBoolean() ? BuiltInRole.USER : BuiltInRole.WORKSPACE_ADMIN, scopes(random));
        } else if (kind < 74) {
            return new CreateGroupToken(
                    actor,
                    name,
                    random.nextInt(GROUPS.length),
                    random.nextBoolean() ? BuiltInRole.GROUP_MEMBER : BuiltInRole.GROUP_ADMIN,
                    scopes(random));
        } else if (kind < 80) {
            return new Rotate(actor, token, random.nextBoolean());
        } else if (kind < 84) {
            return new ManagedRevoke(actor, token);
        } else if (kind < 88) {
            return new ManagedRestore(actor, token);
        } else if (kind < 94) {
            // mostly by the token's owner, when the owner is one of the population
            int owner = tokenCount == 0
                    ? -1
                    : world.people.indexOf(world.tokens
                            .findById(WS, world.created.get(token))
                            .map(AccessToken::owner)
                            .orElse(null));
            int by = owner >= 0 && random.nextInt(4) > 0 ? owner : actor;
            return random.nextBoolean() ? new OwnRevoke(by, token) : new OwnRestore(by, token);
        } else {
            boolean ofTokenOwner = tokenCount > 0 && random.nextInt(5) == 0;
            return new SetActive(
                    actor,
                    ofTokenOwner ? null : random.nextInt(PEOPLE.length),
                    ofTokenOwner ? token : null,
                    random.nextInt(3) > 0);
        }
    }

    /** Picks one of the current assignments that the population's references can name. */
    private static Op unassign(Random random, World world, int actor) {
        List<Unassign> candidates = new ArrayList<>();
        for (RoleAssignment a : world.directory.assignments.list(WS)) {
            Role role = world.directory.roles.findById(WS, a.role()).orElse(null);
            int person = a.principal() == null ? -1 : world.people.indexOf(a.principal());
            int group = a.group() == null ? -1 : world.groups.indexOf(a.group());
            if (role == null
                    || (person < 0 && group < 0)
                    || (!role.builtIn() && !world.customRoles.containsKey(role.name()))) {
                continue;
            }
            RoleRef ref = role.builtIn() ? RoleRef.of(role.asBuiltIn().orElseThrow()) : RoleRef.custom(role.name());
            candidates.add(new Unassign(
                    actor,
                    ref,
                    person >= 0 ? new Subject(person, null) : new Subject(null, group),
                    a.scopeGroup() == null ? null : world.groups.indexOf(a.scopeGroup())));
        }
        return candidates.isEmpty()
                ? new Unassign(actor, RoleRef.of(BuiltInRole.USER), new Subject(1, null), null)
                : candidates.get(random.nextInt(candidates.size()));
    }

    private static RoleRef role(Random random, World world) {
        List<String> customNames = List.copyOf(world.customRoles.keySet());
        int pick = random.nextInt(BuiltInRole.values().length + customNames.size());
        return pick < BuiltInRole.values().length
                ? RoleRef.of(BuiltInRole.values()[pick])
                : RoleRef.custom(customNames.get(pick - BuiltInRole.values().length));
    }

    private static Subject subject(Random random) {
        return random.nextInt(10) < 7
                ? new Subject(random.nextInt(PEOPLE.length), null)
                : new Subject(null, random.nextInt(GROUPS.length));
    }

    private static Set<Permission> permissions(Random random, double each) {
        Set<Permission> chosen = new TreeSet<>();
        for (Permission permission : Permission.warden()) {
            if (random.nextDouble() < each) {
                chosen.add(permission);
            }
        }
        return chosen;
    }

    private static List<Integer> people(Random random) {
        List<Integer> chosen = new ArrayList<>();
        int count = 1 + (random.nextInt(4) == 0 ? 1 : 0);
        for (int i = 0; i < count; i++) {
            chosen.add(random.nextInt(PEOPLE.length));
        }
        return chosen;
    }

    /** Null (all-apis by default) a third of the time, else one to three scopes of the catalogue. */
    private static List<String> scopes(Random random) {
        if (random.nextInt(3) == 0) {
            return null;
        }
        Set<String> keys = new LinkedHashSet<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            List<Scope> catalogue = PermissionCatalogue.with(List.of()).scopes();
            keys.add(catalogue.get(random.nextInt(catalogue.size())).key());
        }
        return List.copyOf(keys);
    }

    // ---- running, checking, shrinking -------------------------------------------------------------------------------

    /** What went wrong at one operation: a principal gained a power its actor did not hold, or a service crashed. */
    record Failure(int index, String kind, Set<String> gained, String detail) {
        /** What shrinking keeps: a crash of the same type, or an escalation that gains the same permission. */
        boolean like(Failure original) {
            return kind.equals(original.kind())
                    && (original.gained().isEmpty()
                            || gained.contains(original.gained().iterator().next()));
        }
    }

    /** The operations run, the outcome of each, and the first failure (null when none). */
    record Walk(List<Op> ops, List<String> outcomes, Failure failure) {
        /** Generates and runs {@code count} operations, stopping at the first failure. */
        static Walk explore(long seed, int count) {
            Random random = new Random(seed);
            World world = new World(seed);
            Runner runner = new Runner(world);
            List<Op> ops = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Op op = next(random, world, i + 1);
                ops.add(op);
                Failure failure = runner.run(op, i);
                if (failure != null) {
                    return new Walk(ops, runner.outcomes, failure);
                }
            }
            return new Walk(ops, runner.outcomes, null);
        }

        /** Runs these operations on a fresh world, stopping at the first failure. */
        static Walk replay(long seed, List<Op> ops) {
            Runner runner = new Runner(new World(seed));
            for (int i = 0; i < ops.size(); i++) {
                Failure failure = runner.run(ops.get(i), i);
                if (failure != null) {
                    return new Walk(ops.subList(0, i + 1), runner.outcomes, failure);
                }
            }
            return new Walk(ops, runner.outcomes, null);
        }

        /**
         * Delta debugging: removes chunks of operations, then single ones, keeping each removal after which a replay
         * from a fresh world still fails the same way, until no single operation can go.
         */
        static List<Op> shrink(long seed, Walk found) {
            Failure original = found.failure();
            List<Op> current = new ArrayList<>(found.ops());
            Walk quick = replay(seed, effective(found));
            if (quick.failure() != null && quick.failure().like(original)) {
                current = effective(quick);
            }
            int chunk = Math.max(1, current.size() / 2);
            while (true) {
                boolean removed = false;
                for (int start = 0; start < current.size(); ) {
                    int end = Math.min(current.size(), start + chunk);
                    List<Op> candidate = new ArrayList<>(current.subList(0, start));
                    candidate.addAll(current.subList(end, current.size()));
                    Walk walk = candidate.isEmpty() ? null : replay(seed, candidate);
                    if (walk != null && walk.failure() != null && walk.failure().like(original)) {
                        current = effective(walk);
                        removed = true;
                    } else {
                        start = end;
                    }
                }
                if (!removed) {
                    if (chunk == 1) {
                        return current;
                    }
                    chunk = Math.max(1, chunk / 2);
                }
            }
        }

        /**
         * The operations of a failing walk that went through, and the failing one: refused and skipped operations
         * changed nothing (the runner checks it), so the rest replays through the same states to the same failure.
         */
        static List<Op> effective(Walk failing) {
            List<Op> effective = new ArrayList<>();
            for (int i = 0; i < failing.ops().size() - 1; i++) {
                if (failing.outcomes().get(i).startsWith("ok")) {
                    effective.add(failing.ops().get(i));
                }
            }
            effective.add(failing.ops().get(failing.ops().size() - 1));
            return effective;
        }

        static String report(long seed, Walk found) {
            List<Op> shrunk = shrink(seed, found);
            Walk walk = replay(seed, shrunk);
            StringBuilder text = new StringBuilder();
            text.append("The no-escalation walk failed with seed ")
                    .append(seed)
                    .append(" (-D")
                    .append(SEED_PROPERTY)
                    .append('=')
                    .append(seed)
                    .append("), at operation ")
                    .append(found.failure().index() + 1)
                    .append(" of the walk; shrunk from ")
                    .append(found.ops().size())
                    .append(" to ")
                    .append(walk.ops().size())
                    .append(" operations:\n");
            for (int i = 0; i < walk.ops().size(); i++) {
                Op op = walk.ops().get(i);
                text.append(String.format(
                        "  %3d. %-9s %s%n       -> %s%n",
                        i + 1,
                        PEOPLE[op.actor()] + ":",
                        op.describe(),
                        walk.outcomes().get(i)));
            }
            text.append(walk.failure().detail());
            return text.toString();
        }
    }

    /**
     * Runs operations on one world and checks the property after each. A refused operation must leave the state as it
     * was (DESIGN: "a refused request changes nothing"); when it does, powers cannot have changed, so they are
     * recomputed only after operations that went through (or after a refusal that left a trace, which fails anyway).
     */
    static final class Runner {
        final World world;
        final List<String> outcomes = new ArrayList<>();
        Map<PrincipalId, Set<Power>> powers;
        List<Object> state;

        Runner(World world) {
            this.world = world;
            this.powers = world.powers();
            this.state = world.state();
        }

        Failure run(Op op, int index) {
            PrincipalId actor = world.people.get(op.actor());
            Map<PrincipalId, Set<Power>> before = powers;
            try {
                String detail = op.apply(world);
                outcomes.add("ok" + (detail == null ? "" : ": " + detail));
            } catch (Skip skip) {
                outcomes.add("skipped: " + skip.getMessage());
                return null;
            } catch (DomainException refused) {
                outcomes.add(
                        "refused: " + refused.getClass().getSimpleName() + ": " + abbreviated(refused.getMessage()));
                List<Object> after = world.state();
                if (!after.equals(state)) {
                    return new Failure(
                            index,
                            "trace of a refusal",
                            Set.of(),
                            "The operation was refused (" + refused.getMessage()
                                    + ") but changed the state: a refused request changes nothing.");
                }
                return null;
            } catch (RuntimeException crash) {
                outcomes.add("crashed: " + crash);
                return new Failure(
                        index,
                        "crash " + crash.getClass().getName(),
                        Set.of(),
                        "The operation threw " + crash + ", which is not a refusal (DomainException):\n"
                                + Arrays.stream(crash.getStackTrace())
                                        .limit(12)
                                        .map(frame -> "    at " + frame)
                                        .collect(Collectors.joining("\n")));
            }
            state = world.state();
            powers = world.powers();
            Set<Power> actorHeld = before.getOrDefault(actor, Set.of());
            for (Map.Entry<PrincipalId, Set<Power>> entry : powers.entrySet()) {
                Set<Power> was = before.getOrDefault(entry.getKey(), Set.of());
                List<Power> gained = entry.getValue().stream()
                        .filter(power -> !power.coveredBy(was) && !power.coveredBy(actorHeld))
                        .sorted()
                        .toList();
                if (!gained.isEmpty()) {
                    String who = world.label(entry.getKey());
                    return new Failure(
                            index,
                            "escalation",
                            gained.stream().map(Power::what).collect(Collectors.toCollection(LinkedHashSet::new)),
                            who + " can now exercise "
                                    + gained.stream().map(Power::describe).collect(Collectors.joining(", "))
                                    + ", which it could not before, and the actor " + PEOPLE[op.actor()]
                                    + " did not hold " + (gained.size() == 1 ? "it" : "them") + " either.\n"
                                    + "  " + who + " before: " + describe(was) + "\n"
                                    + "  " + who + " after:  " + describe(entry.getValue()) + "\n"
                                    + "  " + PEOPLE[op.actor()] + " (actor) before: " + describe(actorHeld));
                }
            }
            return null;
        }

        private static String abbreviated(String message) {
            return message == null || message.length() <= 160 ? message : message.substring(0, 157) + "...";
        }

        private static String describe(Set<Power> powers) {
            return powers.isEmpty()
                    ? "nothing"
                    : powers.stream().sorted().map(Power::describe).collect(Collectors.joining(", "));
        }
    }
}
