package dev.warden.persistence.entitlement;

import static dev.warden.core.entitlement.Entitlement.ALLOW_CLUSTER_CREATE;
import static dev.warden.core.entitlement.Entitlement.DATABRICKS_SQL_ACCESS;
import static dev.warden.core.entitlement.Entitlement.WORKSPACE_ACCESS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.entitlement.EntitlementRepository;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every {@link EntitlementRepository} must do: the JDBC adapter on each database and the in-memory fake, linked
 * to the directory fakes as the foreign keys link the tables. {@code @Transactional}: see the other contracts.
 */
@Transactional
public abstract class EntitlementRepositoryContract {
    protected WorkspaceId workspace;
    protected PrincipalId alice;
    protected PrincipalId bob;
    protected GroupId ops;

    protected abstract EntitlementRepository entitlements();

    protected abstract WorkspaceRepository workspaces();

    protected abstract PrincipalRepository principals();

    protected abstract GroupRepository groups();

    protected Fixtures fixtures() {
        return new Fixtures(workspaces(), principals(), groups());
    }

    @BeforeEach
    void givenUsersAndAGroup() {
        workspace = fixtures().workspace();
        alice = fixtures().user(workspace, "alice");
        bob = fixtures().user(workspace, "bob");
        ops = fixtures().group(workspace, "ops");
    }

    @Test
    void replaceMakesAPrincipalsEntitlementsExactlyTheseAndReadsThemBackInOneGo() {
        entitlements().replace(workspace, alice, Set.of(WORKSPACE_ACCESS, ALLOW_CLUSTER_CREATE));
        entitlements().replace(workspace, bob, Set.of(DATABRICKS_SQL_ACCESS));

        entitlements().replace(workspace, alice, Set.of(WORKSPACE_ACCESS, DATABRICKS_SQL_ACCESS));

        assertThat(entitlements().ofPrincipals(workspace, List.of(alice, bob, alice)))
                .isEqualTo(Map.of(
                        alice, Set.of(WORKSPACE_ACCESS, DATABRICKS_SQL_ACCESS), bob, Set.of(DATABRICKS_SQL_ACCESS)));
        entitlements().replace(workspace, bob, Set.of());
        assertThat(entitlements().of(workspace, bob)).isEmpty();
        assertThat(entitlements().ofPrincipals(workspace, List.of())).isEmpty();
    }

    @Test
    void aGroupsEntitlementsAreHeldByItsMembers() {
        entitlements().replace(workspace, ops, Set.of(WORKSPACE_ACCESS));
        groups().addMember(workspace, ops, bob);

        assertThat(entitlements().of(workspace, ops)).containsExactly(WORKSPACE_ACCESS);
        assertThat(entitlements().ofGroups(workspace, List.of(ops))).containsOnlyKeys(ops);
        assertThat(entitlements().holds(workspace, bob, WORKSPACE_ACCESS)).isTrue();
        assertThat(entitlements().holds(workspace, bob, DATABRICKS_SQL_ACCESS)).isFalse();
        assertThat(entitlements().holds(workspace, alice, WORKSPACE_ACCESS)).isFalse();

        groups().removeMember(workspace, ops, bob);
        assertThat(entitlements().holds(workspace, bob, WORKSPACE_ACCESS)).isFalse();
    }

    @Test
    void aDirectEntitlementIsHeldTooAndBothWaysCountOnce() {
        entitlements().replace(workspace, alice, Set.of(WORKSPACE_ACCESS));
        entitlements().replace(workspace, ops, Set.of(WORKSPACE_ACCESS));
        groups().addMember(workspace, ops, alice);

        assertThat(entitlements().holds(workspace, alice, WORKSPACE_ACCESS)).isTrue();
    }

    @Test
    void theyGoWithTheirPrincipalOrGroup() {
        entitlements().replace(workspace, alice, Set.of(WORKSPACE_ACCESS));
        entitlements().replace(workspace, ops, Set.of(WORKSPACE_ACCESS));
        groups().addMember(workspace, ops, bob);

        principals().delete(workspace, alice);
        groups().delete(workspace, ops);

        assertThat(entitlements().ofPrincipals(workspace, List.of(alice))).isEmpty();
        assertThat(entitlements().ofGroups(workspace, List.of(ops))).isEmpty();
        assertThat(entitlements().holds(workspace, bob, WORKSPACE_ACCESS)).isFalse();
    }

    @Test
    void anotherWorkspaceSeesAndChangesNothing() {
        entitlements().replace(workspace, alice, Set.of(WORKSPACE_ACCESS));
        entitlements().replace(workspace, ops, Set.of(WORKSPACE_ACCESS));
        WorkspaceId other = fixtures().workspace();

        entitlements().replace(other, alice, Set.of(ALLOW_CLUSTER_CREATE));
        entitlements().replace(other, ops, Set.of(ALLOW_CLUSTER_CREATE));

        assertThat(entitlements().ofPrincipals(other, List.of(alice))).isEmpty();
        assertThat(entitlements().ofGroups(other, List.of(ops))).isEmpty();
        assertThat(entitlements().holds(other, alice, WORKSPACE_ACCESS)).isFalse();
        assertThat(entitlements().of(workspace, alice)).containsExactly(WORKSPACE_ACCESS);
        assertThat(entitlements().of(workspace, ops)).containsExactly(WORKSPACE_ACCESS);
    }
}
