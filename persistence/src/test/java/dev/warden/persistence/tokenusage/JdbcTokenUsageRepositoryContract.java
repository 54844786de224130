package dev.warden.persistence.tokenusage;

import static dev.warden.core.tokenusage.TokenUsageLevel.CAN_MANAGE;
import static dev.warden.core.tokenusage.TokenUsageLevel.CAN_USE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.JdbcAdapterTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The token usage contract against {@link JdbcTokenUsageRepository}; each test is rolled back, except those that
 * check what a refused batch leaves behind: they run without the test transaction, call the adapter through the
 * real {@link TransactionRunner} and read what was committed (their workspaces are new, so what they leave in the
 * class's database disturbs no other test). Adds what only rows can show.
 */
@JdbcAdapterTest
abstract class JdbcTokenUsageRepositoryContract extends TokenUsageRepositoryContract {
    @Autowired
    private TokenUsageRepository tokenUsage;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private GroupRepository groups;

    @Autowired
    private TransactionRunner tx;

    @Autowired
    private JdbcClient jdbc;

    @Override
    protected TokenUsageRepository tokenUsage() {
        return tokenUsage;
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
    protected GroupRepository groups() {
        return groups;
    }

    @Override
    protected TransactionRunner transactions() {
        return tx;
    }

    @Override
    protected void assertRefused(ThrowingCallable replace) {
        assertThatThrownBy(replace).isInstanceOf(DataIntegrityViolationException.class);
    }

    private int rows(WorkspaceId in) {
        return jdbc.sql("SELECT COUNT(*) FROM token_usage_entry WHERE workspace_id = ?")
                .param(in.value())
                .query(Integer.class)
                .single();
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(tokenUsage).isInstanceOf(JdbcTokenUsageRepository.class);
    }

    @Test
    void eachRowCarriesTheWorkspaceExactlyOneSubjectAndTheLevelsName() {
        tokenUsage.replace(workspace, List.of(entry(alice, CAN_MANAGE), entry(dataEng, CAN_USE)));

        assertThat(jdbc.sql("""
                        SELECT workspace_id, principal_id, group_id, level FROM token_usage_entry
                         WHERE workspace_id = ? ORDER BY id""")
                        .param(workspace.value())
                        .query((rs, n) -> Arrays.asList(
                                rs.getLong(1),
                                rs.getObject(2, Long.class),
                                rs.getObject(3, Long.class),
                                rs.getString(4)))
                        .list())
                .containsExactly(
                        Arrays.asList(workspace.value(), alice.value(), null, "CAN_MANAGE"),
                        Arrays.asList(workspace.value(), null, dataEng.value(), "CAN_USE"));
    }

    @Test
    void eachRowRecordsWhenItWasWrittenInUtc() {
        tokenUsage.replace(workspace, List.of(entry(bob, CAN_USE)));

        Instant createdAt = jdbc.sql("SELECT created_at FROM token_usage_entry WHERE workspace_id = ?")
                .param(workspace.value())
                .query((rs, n) -> rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC))
                .single();

        assertThat(Duration.between(createdAt, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void replaceLeavesNoRowOfTheOldList() {
        tokenUsage.replace(workspace, List.of(entry(alice, CAN_USE), entry(bob, CAN_USE), entry(ops, CAN_USE)));

        tokenUsage.replace(workspace, List.of(entry(robot, CAN_MANAGE)));

        assertThat(rows(workspace)).isEqualTo(1);
        tokenUsage.replace(workspace, List.of());
        assertThat(rows(workspace)).isZero();
    }

    @Test
    void deletesLeaveNoRowOfTheirSubject() {
        tokenUsage.replace(workspace, List.of(entry(alice, CAN_USE), entry(dataEng, CAN_USE), entry(bob, CAN_USE)));

        principals.delete(workspace, alice);
        groups.delete(workspace, dataEng);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM token_usage_entry WHERE principal_id = ? OR group_id = ?")
                        .params(alice.value(), dataEng.value())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(rows(workspace)).isEqualTo(1);
    }

    /** The contract checks what {@link #list} shows after a refused batch; this checks the rows themselves. */
    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aRefusedBatchLeavesNoRowBehind() {
        WorkspaceId other = fixtures().workspace();
        PrincipalId stranger = fixtures().user(other, "alice");
        GroupId foreign = group(other, "data-eng");
        tx.inTransaction(() -> tokenUsage.replace(workspace, List.of(entry(bob, CAN_MANAGE))));

        for (TokenUsageEntry refused : List.of(entry(stranger, CAN_USE), entry(foreign, CAN_USE))) {
            assertThatThrownBy(() -> tx.inTransaction(() -> tokenUsage.replace(
                            workspace, List.of(entry(alice, CAN_USE), entry(dataEng, CAN_USE), refused))))
                    .isInstanceOf(DataIntegrityViolationException.class);
        }

        assertThat(jdbc.sql("SELECT principal_id FROM token_usage_entry WHERE workspace_id IN (?, ?)")
                        .params(workspace.value(), other.value())
                        .query(Long.class)
                        .list())
                .containsExactly(bob.value());
    }
}
