package dev.warden.web.audit;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/2.0/audit-events/export} over real HTTP: CSV per RFC 4180 with a header row and cells a spreadsheet
 * will not run, JSON Lines in the list's event shape, the list's filters, every match across many pages, the
 * permission refused in the Databricks shape, and bad input naming its field. Each test reads only its own actor's
 * events (the application is shared by all ITs).
 */
@WardenSpringBootTest
class AuditExportApiIT {
    private static final String EXPORT = "/api/2.0/audit-events/export";
    private static final Instant T0 = Instant.parse("2026-07-01T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog audit;

    TestData data;
    ApiClient api;
    Principal dave;

    @BeforeEach
    void anActor() {
        data = TestData.of(context);
        api = new ApiClient(port);
        dave = data.user(TestData.unique("dave"), BuiltInRole.USER);
    }

    private AuditEvent.Builder byDave(AuditAction action, int second) {
        return AuditEvent.anonymous(data.main().id(), action, T0.plusSeconds(second))
                .actor(dave.id(), dave.userName())
                .clientAddress("203.0.113.8");
    }

    private Response export(String query, String token) {
        return api.get(EXPORT + "?actor_id=" + dave.id().value() + query, token);
    }

    private static List<CSVRecord> csv(String body) throws IOException {
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(body))
                .getRecords();
    }

    @Test
    void csvHasAHeaderRowQuotesPerRfc4180AndDisarmsFormulas() throws IOException {
        audit.record(byDave(AuditAction.TOKEN_REVOKED, 0)
                .target("token", "=HYPERLINK(\"http://evil.example\")")
                .detail("reason", "leaked, \"oops\"\nsecond line")
                .build());
        audit.record(byDave(AuditAction.TOKEN_CREATED, 1)
                .target("token", "+1")
                .clientAddress("@home")
                .build());

        Response response = export("&format=csv", ADMIN_TOKEN);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/csv");
        assertThat(response.header("Content-Disposition"))
                .startsWith("attachment")
                .contains("filename=\"audit-events-")
                .contains(".csv\"");
        assertThat(response.body())
                .startsWith("id,time,action,actor_id,actor_name,target_type,target_id,target_name,subject_ids,"
                        + "client_address,details\r\n");
        List<CSVRecord> rows = csv(response.body());
        assertThat(rows).hasSize(2);
        CSVRecord created = rows.get(0);
        CSVRecord revoked = rows.get(1);
        assertThat(created.get("action")).isEqualTo("TOKEN_CREATED");
        assertThat(created.get("target_id")).isEqualTo("'+1");
        assertThat(created.get("client_address")).isEqualTo("'@home");
        assertThat(created.get("actor_id")).isEqualTo(dave.id().toString());
        assertThat(created.get("actor_name")).isEqualTo(dave.userName());
        assertThat(created.get("time")).isEqualTo(T0.plusSeconds(1).toString());
        assertThat(revoked.get("target_type")).isEqualTo("TOKEN");
        assertThat(revoked.get("target_id")).isEqualTo("'=HYPERLINK(\"http://evil.example\")");
        JsonNode details = JsonMapper.builder().build().readTree(revoked.get("details"));
        assertThat(details.path("reason").asString()).isEqualTo("leaked, \"oops\"\nsecond line");
        assertThat(response.body()).contains("\"{\"\"reason\"\":\"\"leaked, \\\"\"oops\\\"\"\\nsecond line\"\"}\"");
    }

    @Test
    void jsonLinesHoldOneEventPerLineInTheListsShapeAndTheFiltersApply() {
        audit.record(byDave(AuditAction.TOKEN_CREATED, 0).target("token", "t0").build());
        audit.record(byDave(AuditAction.TOKEN_REVOKED, 1)
                .target("token", "t0")
                .detail("reason", "rotated")
                .build());
        audit.record(byDave(AuditAction.TOKEN_CREATED, 2).target("token", "t1").build());

        Response all = export("&format=jsonl", ADMIN_TOKEN);
        Response created = export("&format=JSONL&action=TOKEN_CREATED", ADMIN_TOKEN);
        Response window = export(
                "&format=jsonl&since=" + T0.plusSeconds(1).toEpochMilli() + "&until="
                        + T0.plusSeconds(2).toEpochMilli(),
                ADMIN_TOKEN);

        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.header("Content-Type")).startsWith("application/jsonl");
        assertThat(all.header("Content-Disposition")).startsWith("attachment").contains(".jsonl\"");
        List<String> lines = all.body().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(all.body()).endsWith("\n");
        JsonNode revoked = JsonMapper.builder().build().readTree(lines.get(1));
        assertThat(revoked.path("action").asString()).isEqualTo("TOKEN_REVOKED");
        assertThat(revoked.path("time").asLong()).isEqualTo(T0.plusSeconds(1).toEpochMilli());
        assertThat(revoked.path("actor").path("name").asString()).isEqualTo(dave.userName());
        assertThat(revoked.path("target").path("type").asString()).isEqualTo("TOKEN");
        assertThat(revoked.path("target").path("id").asString()).isEqualTo("t0");
        assertThat(revoked.path("client_address").asString()).isEqualTo("203.0.113.8");
        assertThat(revoked.path("details").path("reason").asString()).isEqualTo("rotated");
        assertThat(created.body().lines())
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("\"action\":\"TOKEN_CREATED\""));
        assertThat(window.body().lines())
                .hasSize(1)
                .allSatisfy(line -> assertThat(line).contains("TOKEN_REVOKED"));
    }

    @Test
    void anExportHoldsEveryMatchAcrossPagesAndNothingMatchingIsJustTheHeader() throws IOException {
        for (int i = 0; i < 1_205; i++) {
            audit.record(byDave(AuditAction.TOKEN_CREATED, i)
                    .target("token", "t" + i)
                    .build());
        }

        List<CSVRecord> rows = csv(export("&format=csv", ADMIN_TOKEN).body());
        Response none = export("&format=csv&action=LOGIN_FAILED", ADMIN_TOKEN);

        assertThat(rows).hasSize(1_205);
        assertThat(rows.get(0).get("target_id")).isEqualTo("t1204");
        assertThat(rows.get(1_204).get("target_id")).isEqualTo("t0");
        assertThat(rows.stream().map(r -> r.get("id")).distinct()).hasSize(1_205);
        assertThat(none.status()).isEqualTo(200);
        assertThat(csv(none.body())).isEmpty();
        assertThat(none.body()).startsWith("id,time,action");
    }

    @Test
    void aPlainUserIsRefusedInTheDatabricksShapeAndGetsNoFile() {
        audit.record(byDave(AuditAction.TOKEN_REVOKED, 0)
                .target("token", "t0")
                .detail("reason", "secret-ish reason")
                .build());
        String user = data.token(data.user(TestData.unique("plain"), BuiltInRole.USER));

        Response refused = export("&format=csv", user);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(refused.header("Content-Type")).startsWith("application/json");
        assertThat(refused.header("Content-Disposition")).isNull();
        assertThat(refused.body()).doesNotContain("secret-ish reason");
        assertThat(export("&format=csv", null).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @CsvSource({
        "format, xml",
        "action, TOKEN_EXPLODED",
        "since, yesterday",
        "target_type, 'OR 1=1'",
    })
    void badInputIsRefusedNamingTheField(String field, String value) {
        String query = "?" + field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)
                + (field.equals("format") ? "" : "&format=csv");

        Response refused = api.get(EXPORT + query, ADMIN_TOKEN);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(refused.header("Content-Type")).startsWith("application/json");
        assertThat(refused.body()).contains(field);
        assertThat(refused.header("Content-Disposition")).isNull();
    }

    @Test
    void withoutAFormatTheExportIsCsv() {
        audit.record(byDave(AuditAction.TOKEN_CREATED, 0).target("token", "t0").build());

        for (String query : List.of("", "&format=")) {
            Response csv = export(query, ADMIN_TOKEN);
            assertThat(csv.status()).as(query).isEqualTo(200);
            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            assertThat(csv.body().split("\r\n")).hasSize(2);
        }
    }
}
