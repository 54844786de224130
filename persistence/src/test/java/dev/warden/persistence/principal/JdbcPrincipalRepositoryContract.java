package dev.warden.persistence.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.JdbcAdapterTest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The principal contract against {@link JdbcPrincipalRepository}; each test is rolled back. Adds what only rows
 * can show: deleting a principal takes its tokens (with their scope rows), memberships and role grants along.
 */
@JdbcAdapterTest
abstract class JdbcPrincipalRepositoryContract extends PrincipalRepositoryContract {
    private static final Instant T0 = Instant.parse("2026-03-29T01:30:00.123456Z");

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private TokenRepository tokens;

    @Autowired
    private GroupRepository groups;

    @Autowired
    private RoleRepository roles;

    @Autowired
    private RoleAssignmentRepository assignments;

    @Autowired
    private JdbcClient jdbc;

    @Override
    protected PrincipalRepository principals() {
        return principals;
    }

    @Override
    protected WorkspaceRepository workspaces() {
        return workspaces;
    }

    @Override
    protected TokenRepository tokens() {
        return tokens;
    }

    @Override
    protected GroupRepository groups() {
        return groups;
    }

    @Override
    protected RoleRepository roles() {
        return roles;
    }

    @Override
    protected RoleAssignmentRepository assignments() {
        return assignments;
    }

    @Override
    protected void assertRefusedAsDuplicate(ThrowingCallable save) {
        assertThatThrownBy(save).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(principals).isInstanceOf(JdbcPrincipalRepository.class);
    }

    @Test
    void updateKeepsTheCreationTime() {
        Principal alice = principals.save(user(workspace, "alice"));
        LocalDateTime createdAt = createdAt(alice);

        principals.save(alice.withActive(false));

        assertThat(createdAt(alice)).isEqualTo(createdAt);
    }

    @Test
    void deleteLeavesNoTokenScopeMembershipOrGrantRowOfThePrincipal() {
        Principal alice = principals.save(user(workspace, "alice"));
        Principal bob = principals.save(user(workspace, "bob"));
        AccessToken alicesToken = token(alice, bob)
                .withScopes(Scope.ALL_APIS, Scope.of(Permission.TOKENS_READ))
                .build();
        AccessToken alicesOther = token(alice, alice).build();
        AccessToken bobsToken =
                token(bob, alice).withScopes(Scope.of(Permission.AUDIT_READ)).build();
        for (AccessToken token : List.of(alicesToken, alicesOther, bobsToken)) {
            tokens.add(token);
        }
        Group team = groups.save(new Group(null, workspace, "team", null));
        groups.addMember(workspace, team.id(), alice.id());
        groups.addMember(workspace, team.id(), bob.id());
        roles.seedBuiltIns(workspace);
        Role admin = roles.findByName(workspace, "workspace-admin").orElseThrow();
        RoleAssignment alicesGrant =
                assignments.add(RoleAssignment.toPrincipal(workspace, admin.id(), alice.id(), null));
        RoleAssignment bobsGrant = assignments.add(RoleAssignment.toPrincipal(workspace, admin.id(), bob.id(), null));
        RoleAssignment teamGrant = assignments.add(RoleAssignment.toGroup(workspace, admin.id(), team.id(), null));

        assertThat(principals.delete(workspace, alice.id())).isTrue();

        assertThat(count(
                        "SELECT COUNT(*) FROM access_token WHERE owner_id = ?",
                        alice.id().value()))
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM access_token_scope WHERE token_id IN (?, ?)",
                        alicesToken.id().value(),
                        alicesOther.id().value()))
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM group_member WHERE principal_id = ?",
                        alice.id().value()))
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM role_grant WHERE principal_id = ?",
                        alice.id().value()))
                .isZero();
        assertThat(tokens.findById(workspace, alicesToken.id())).isEmpty();
        assertThat(tokens.findByDigest(alicesOther.digest())).isEmpty();

        // what belongs to others stays, including the token alice created for bob
        assertThat(tokens.findById(workspace, bobsToken.id()))
                .get()
                .satisfies(t -> assertThat(t.scopes()).containsExactly(Scope.of(Permission.AUDIT_READ)));
        assertThat(groups.members(workspace, team.id())).containsExactly(bob.id());
        assertThat(assignments.list(workspace)).containsExactly(bobsGrant, teamGrant);
        assertThat(assignments.findById(workspace, alicesGrant.id())).isEmpty();
        assertThat(principals.findById(workspace, bob.id())).contains(bob);
        assertThat(groups.findById(workspace, team.id())).contains(team);
    }

    @Test
    void aDeleteFromAnotherWorkspaceLeavesEveryRowOfThePrincipal() {
        Principal alice = principals.save(user(workspace, "alice"));
        AccessToken token = token(alice, alice).withScopes(Scope.ALL_APIS).build();
        tokens.add(token);
        Group team = groups.save(new Group(null, workspace, "team", null));
        groups.addMember(workspace, team.id(), alice.id());
        roles.seedBuiltIns(workspace);
        Role user = roles.findByName(workspace, "user").orElseThrow();
        assignments.add(RoleAssignment.toPrincipal(workspace, user.id(), alice.id(), null));
        WorkspaceId other = newWorkspace();

        assertThat(principals.delete(other, alice.id())).isFalse();

        assertThat(count(
                        "SELECT COUNT(*) FROM access_token WHERE owner_id = ?",
                        alice.id().value()))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT COUNT(*) FROM access_token_scope WHERE token_id = ?",
                        token.id().value()))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT COUNT(*) FROM group_member WHERE principal_id = ?",
                        alice.id().value()))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT COUNT(*) FROM role_grant WHERE principal_id = ?",
                        alice.id().value()))
                .isEqualTo(1);
    }

    /** The adapter reads the stored row of the workspace before it updates (the UPDATE itself is by id only). */
    @Test
    void saveCannotMoveAPrincipalIntoAnotherWorkspace() {
        Principal alice = principals().save(user(workspace, "alice"));
        WorkspaceId other = newWorkspace();
        Principal forged = new Principal(alice.id(), other, PrincipalKind.USER, "mallory", "Mallory", true, null);

        try {
            principals().save(forged);
        } catch (RuntimeException refused) {
            // refusing is fine; what matters is what is stored afterwards
        }

        assertThat(principals().findById(workspace, alice.id())).contains(alice);
        assertThat(principals().findById(other, alice.id())).isEmpty();
        assertThat(principals().findByUserName(other, "mallory")).isEmpty();
    }

    private Tokens.Builder token(Principal owner, Principal creator) {
        return Tokens.aToken()
                .inWorkspace(workspace)
                .ownedBy(owner.id())
                .createdBy(creator.id())
                .createdAt(T0);
    }

    private int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }

    private LocalDateTime createdAt(Principal principal) {
        return jdbc.sql("SELECT created_at FROM principal WHERE id = ?")
                .param(principal.id().value())
                .query((rs, n) -> rs.getObject(1, LocalDateTime.class))
                .single();
    }
}
