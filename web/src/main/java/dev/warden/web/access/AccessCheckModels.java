package dev.warden.web.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.access.ScopeReport;
import dev.warden.core.access.ScopeState;
import dev.warden.core.access.StepOutcome;
import dev.warden.core.permission.Permission;
import dev.warden.core.token.TokenRefusal;
import java.util.List;
import java.util.Map;

/** Bodies of the check-access API, in the snake_case JSON style of the Databricks dialect. */
final class AccessCheckModels {
    private AccessCheckModels() {}

    /**
     * "Can this token call this endpoint?": {@code method} and {@code path} name the endpoint as a request would,
     * or {@code permission} (and optionally {@code group_id}) names what it needs directly.
     */
    record CheckRequest(
            @JsonProperty("token_id") String tokenId,
            String method,
            String path,
            String permission,
            @JsonProperty("group_id") Long groupId) {}

    /**
     * The verdict and every step walked. {@code status}, {@code reason} and {@code facts} are those a real
     * request would be refused with; absent when the token gets through.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CheckResponse(
            @JsonProperty("token_id") String tokenId,
            boolean allowed,
            Integer status,
            String reason,
            String message,
            @JsonProperty("required_permission") String requiredPermission,
            @JsonProperty("group_id") Long groupId,
            RouteView route,
            Map<String, List<String>> facts,
            List<StepView> steps) {}

    /** The endpoint a method and path resolved to: its declared path pattern. */
    record RouteView(String method, String path) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StepView(String step, String description, boolean passed, String detail) {
        static StepView of(StepOutcome outcome) {
            return new StepView(
                    outcome.step().name(), outcome.step().description(), outcome.passed(), outcome.detail());
        }
    }

    record ScopesResponse(
            @JsonProperty("token_id") String tokenId,
            List<ScopeView> scopes,
            @JsonProperty("effective_permissions") List<String> effectivePermissions) {
        static ScopesResponse of(String tokenId, ScopeReport report) {
            return new ScopesResponse(
                    tokenId,
                    report.scopes().stream().map(ScopeView::of).toList(),
                    Permission.warden().stream()
                            .filter(report.effective()::contains)
                            .map(Permission::key)
                            .toList());
        }
    }

    /** {@code why} says, for a dead scope, what took it away; absent for a live one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ScopeView(String scope, boolean live, String why) {
        static ScopeView of(ScopeState state) {
            return new ScopeView(state.scope().key(), state.live(), state.why());
        }
    }

    /** A token's recent refusals, newest first. */
    record RefusalsResponse(List<RefusalView> refusals) {
        static RefusalsResponse of(List<TokenRefusal> refusals) {
            return new RefusalsResponse(refusals.stream().map(RefusalView::of).toList());
        }
    }

    /**
     * One refusal: {@code time} in epoch milliseconds, the request's method and path (never its query string), the
     * decision chain's reason code, and where the request came from (null when unknown).
     */
    record RefusalView(
            long time,
            String method,
            String path,
            String reason,
            @JsonProperty("client_address") String clientAddress,
            @JsonProperty("user_agent") String userAgent) {
        static RefusalView of(TokenRefusal refusal) {
            return new RefusalView(
                    refusal.at().toEpochMilli(),
                    refusal.method(),
                    refusal.path(),
                    refusal.reason().name(),
                    refusal.clientAddress(),
                    refusal.userAgent());
        }
    }
}
