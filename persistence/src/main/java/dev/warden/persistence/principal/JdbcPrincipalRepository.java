package dev.warden.persistence.principal;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalQuery;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.data.relational.core.query.Criteria;
import org.springframework.data.relational.core.query.Query;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcPrincipalRepository implements PrincipalRepository {
    private final PrincipalRowRepository rows;
    private final JdbcAggregateOperations aggregates;
    private final JdbcClient jdbc;

    JdbcPrincipalRepository(PrincipalRowRepository rows, JdbcAggregateOperations aggregates, JdbcClient jdbc) {
        this.rows = rows;
        this.aggregates = aggregates;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Principal> findById(WorkspaceId workspace, PrincipalId id) {
        return rows.findByWorkspaceIdAndId(workspace.value(), id.value()).map(JdbcPrincipalRepository::toDomain);
    }

    @Override
    public Optional<Principal> findByUserName(WorkspaceId workspace, String userName) {
        return rows.findByWorkspaceIdAndUserName(workspace.value(), userName).map(JdbcPrincipalRepository::toDomain);
    }

    @Override
    public Optional<Principal> findByApplicationId(WorkspaceId workspace, String applicationId) {
        return rows.findByWorkspaceIdAndApplicationId(workspace.value(), applicationId)
                .map(JdbcPrincipalRepository::toDomain);
    }

    @Override
    public List<Principal> findAllById(WorkspaceId workspace, Collection<PrincipalId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return rows.findByWorkspaceIdAndIdIn(workspace.value(), ids.stream().map(PrincipalId::value).toList())
                .stream().map(JdbcPrincipalRepository::toDomain).toList();
    }

    @Override
    public Page<Principal> search(WorkspaceId workspace, PrincipalKind kind, PrincipalQuery wanted, PageRequest page) {
        PrincipalQuery query = wanted == null ? PrincipalQuery.ALL : wanted;   // the port: null lists everything
        Criteria criteria = Criteria.where("workspaceId").is(workspace.value()).and("kind").is(kind.name());
        if (query.attribute() != null) {
            criteria = criteria.and(column(query.attribute())).is(query.equalTo());
        }
        if (query.contains() != null) {
            String pattern = "%" + escapeLike(query.contains().toLowerCase()) + "%";
            criteria = criteria.and(Criteria.where("userName").like(pattern).ignoreCase(true)
                    .or("displayName").like(pattern).ignoreCase(true)
                    .or("applicationId").like(pattern).ignoreCase(true));
        }
        long total = aggregates.count(Query.query(criteria), PrincipalRow.class);
        List<Principal> items = page.limit() == 0 ? List.of() : aggregates.findAll(Query.query(criteria)
                        .sort(Sort.by("displayName", "id")).offset(page.offset()).limit(page.limit()),
                PrincipalRow.class).stream().map(JdbcPrincipalRepository::toDomain).toList();
        return new Page<>(items, total, page);
    }

    @Override
    public Principal save(Principal principal) {
        Instant createdAt = principal.id() == null
                ? now()
                : rows.findByWorkspaceIdAndId(principal.workspace().value(), principal.id().value())
                        .map(PrincipalRow::createdAt).orElseThrow();
        PrincipalRow saved = rows.save(new PrincipalRow(
                principal.id() == null ? null : principal.id().value(),
                principal.workspace().value(), principal.kind().name(), principal.userName(), principal.applicationId(),
                principal.displayName(), principal.active(), principal.passwordHash(), principal.email(),
                principal.givenName(), principal.familyName(), principal.externalId(), createdAt));
        return toDomain(saved);
    }

    /** Tokens, memberships and role assignments go with it (foreign keys ON DELETE CASCADE). */
    @Override
    public boolean delete(WorkspaceId workspace, PrincipalId id) {
        jdbc.sql("DELETE FROM access_token_scope WHERE workspace_id = :workspace AND token_id IN"
                        + " (SELECT token_id FROM access_token WHERE workspace_id = :workspace AND owner_id = :id)")
                .param("workspace", workspace.value()).param("id", id.value()).update();
        return jdbc.sql("DELETE FROM principal WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace.value()).param("id", id.value()).update() == 1;
    }

    private static String column(PrincipalQuery.Attribute attribute) {
        return switch (attribute) {
            case USER_NAME -> "userName";
            case DISPLAY_NAME -> "displayName";
            case APPLICATION_ID -> "applicationId";
        };
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Instant now() {
        return Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Principal toDomain(PrincipalRow row) {
        return new Principal(new PrincipalId(row.id()), new WorkspaceId(row.workspaceId()),
                PrincipalKind.valueOf(row.kind()), row.userName(), row.displayName(), row.active(), row.passwordHash(),
                row.applicationId(), row.email(), row.givenName(), row.familyName(), row.externalId());
    }
}
