package dev.warden.persistence.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.JdbcAdapterTest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The group contract against {@link JdbcGroupRepository}; each test is rolled back. Adds what only rows can show:
 * membership rows carry the workspace, and deleting a group takes the role grants made to it or scoped to it.
 */
@JdbcAdapterTest
abstract class JdbcGroupRepositoryContract extends GroupRepositoryContract {
    @Autowired
    private GroupRepository groups;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private RoleRepository roles;

    @Autowired
    private RoleAssignmentRepository assignments;

    @Autowired
    private JdbcClient jdbc;

    @Override
    protected GroupRepository groups() {
        return groups;
    }

    @Override
    protected WorkspaceRepository workspaces() {
        return workspaces;
    }

    @Override
    protected PrincipalRepository principals() {
        return principals;
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
        assertThat(groups).isInstanceOf(JdbcGroupRepository.class);
    }

    @Test
    void aMembershipRowCarriesTheWorkspace() {
        Group team = group("team");

        groups.addMember(workspace, team.id(), alice);

        assertThat(jdbc.sql("SELECT workspace_id FROM group_member WHERE group_id = ? AND principal_id = ?")
                        .params(team.id().value(), alice.value())
                        .query(Long.class)
                        .list())
                .containsExactly(workspace.value());
    }

    @Test
    void aRefusedMemberLeavesNoRow() {
        Group team = group("team");
        WorkspaceId other = fixtures().workspace();
        PrincipalId stranger = fixtures().user(other, "mallory");

        groups.addMember(workspace, team.id(), stranger);
        groups.addMember(other, team.id(), stranger);
        groups.addMember(other, team.id(), alice);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM group_member WHERE group_id = ?")
                        .param(team.id().value())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void deleteLeavesNoMembershipOrGrantRowOfTheGroup() {
        Group team = group("team");
        groups.addMember(workspace, team.id(), alice);
        roles.seedBuiltIns(workspace);
        Role groupAdmin = roles.findByName(workspace, "group-admin").orElseThrow();
        assignments.add(RoleAssignment.toGroup(workspace, groupAdmin.id(), team.id(), null));
        assignments.add(RoleAssignment.toPrincipal(workspace, groupAdmin.id(), bob, team.id()));

        assertThat(groups.delete(workspace, team.id())).isTrue();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM role_grant WHERE group_id = ? OR scope_group_id = ?")
                        .params(team.id().value(), team.id().value())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM group_member WHERE group_id = ?")
                        .param(team.id().value())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    /** The adapter's UPDATE is scoped by workspace; it must not report or create a group it did not touch. */
    @Test
    void saveCannotRenameAGroupOfAnotherWorkspace() {
        Group team = groups().save(new Group(null, workspace, "team", "ext"));
        WorkspaceId other = fixtures().workspace();

        try {
            groups().save(new Group(team.id(), other, "hijacked", null));
        } catch (RuntimeException refused) {
            // refusing is fine; what matters is what is stored afterwards
        }

        assertThat(groups().findById(workspace, team.id())).contains(team);
        assertThat(groups().findById(other, team.id())).isEmpty();
        assertThat(groups().findByDisplayName(other, "hijacked")).isEmpty();
    }
}
