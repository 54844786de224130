package dev.warden.web.token;

import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.LeakReports;
import dev.warden.core.token.LeakReports.Leak;
import dev.warden.web.shared.ApiError;
import dev.warden.web.shared.ApiErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/2.0/token/report-leak}: anyone who found Warden tokens where they do not belong reports them here,
 * and every one that still works is revoked ({@link LeakReports}). Two bodies:
 * <ul>
 *   <li>{@code text/plain}: any text; Warden finds its tokens in it by format and checksum;</li>
 *   <li>{@code application/json}: GitHub's secret-scanning partner payload, {@code [{"token", "type", "url",
 *       "source"}]}.</li>
 * </ul>
 * The answer is the same whatever the values were ({@code []} for the partner payload, whose false-positive feedback
 * is optional and would tell a caller which values were live), so the endpoint cannot be used to test values. At most
 * {@link #MAX_BODY} bytes and {@link LeakReports#MAX_TOKENS} values per report, and a limited number of reports per
 * client address and minute. Unsigned reports are accepted (holding a value is proof enough); a report signed with
 * GitHub's headers is verified when the keys are configured, and a bad signature is refused before anything changes.
 * <p>
 * Like forward authentication, it is the last filter of a security chain of its own and answers every request itself:
 * the call carries no credentials, so there is no permission to declare and no MVC handler for the path.
 */
final class LeakReportFilter extends OncePerRequestFilter {
    static final String PATH = "/api/2.0/token/report-leak";
    /** 1 MiB: far more than a scanner's batch, little enough to read at once. */
    static final int MAX_BODY = 1 << 20;

    static final String REQUEST_LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";
    static final String RECEIVED = "Report received. Every Warden token in it that still worked is now revoked.";

    private static final Logger log = LoggerFactory.getLogger(LeakReportFilter.class);

    private final LeakReports reports;
    private final LeakReportThrottle throttle;
    private final GitHubSignatures signatures;
    private final ApiErrorWriter errors;
    private final ObjectMapper json;

    LeakReportFilter(
            LeakReports reports,
            LeakReportThrottle throttle,
            GitHubSignatures signatures,
            ApiErrorWriter errors,
            ObjectMapper json) {
        this.reports = reports;
        this.throttle = throttle;
        this.signatures = signatures;
        this.errors = errors;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filters)
            throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, "POST");
            errors.write(
                    response,
                    405,
                    ApiError.of(
                            ApiError.METHOD_NOT_ALLOWED,
                            "The endpoint " + PATH + " does not accept " + Validation.shorten(request.getMethod())
                                    + "; report leaks with POST."));
            return;
        }
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.take(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            errors.write(
                    response,
                    429,
                    ApiError.of(
                            REQUEST_LIMIT_EXCEEDED,
                            "Too many leak reports from this address; retry in " + seconds + " seconds."));
            return;
        }
        try {
            answer(request, response, address);
        } catch (InvalidParameterException e) {
            errors.write(response, 400, ApiError.invalidParameter(e.field(), e.getMessage()));
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, String address) throws IOException {
        MediaType type = mediaType(request.getContentType());
        if (type == null
                || !(MediaType.TEXT_PLAIN.isCompatibleWith(type)
                        || MediaType.APPLICATION_JSON.isCompatibleWith(type))) {
            errors.write(
                    response,
                    415,
                    ApiError.invalidParameter(
                            "Content-Type",
                            "Send the report as text/plain (any text holding the tokens) or application/json"
                                    + " (GitHub's secret-scanning payload)."));
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            tooLarge(response);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            tooLarge(response);
            return;
        }
        Signed signed = signature(request, body);
        if (signed == Signed.BAD) {
            errors.write(
                    response,
                    401,
                    ApiError.of(
                            ApiError.UNAUTHENTICATED,
                            "The report's " + GitHubSignatures.SIGNATURE + " does not verify with the GitHub key "
                                    + Validation.echo(request.getHeader(GitHubSignatures.KEY_IDENTIFIER))
                                    + "; nothing was revoked."));
            return;
        }
        boolean partner = MediaType.APPLICATION_JSON.isCompatibleWith(type);
        List<Leak> leaks = partner ? partnerPayload(body, signed) : plainText(body, type, address);
        int revoked = reports.report(leaks, address);
        log.info(
                "Leak report from {} ({}, {}): {} values, {} tokens revoked",
                address,
                partner ? "partner payload" : "plain text",
                signed == Signed.GOOD ? "signed by GitHub" : "unsigned",
                leaks.size(),
                revoked);
        response.setStatus(200);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), partner ? List.of() : Map.of("message", RECEIVED));
    }

    private enum Signed {
        GOOD,
        BAD,
        UNSIGNED
    }

    /** Verified only when GitHub's keys are configured and the report carries the headers. */
    private Signed signature(HttpServletRequest request, byte[] body) {
        String keyIdentifier = request.getHeader(GitHubSignatures.KEY_IDENTIFIER);
        String signature = request.getHeader(GitHubSignatures.SIGNATURE);
        if (!signatures.configured() || (keyIdentifier == null && signature == null)) {
            return Signed.UNSIGNED;
        }
        if (keyIdentifier == null || signature == null) {
            String missing = keyIdentifier == null ? GitHubSignatures.KEY_IDENTIFIER : GitHubSignatures.SIGNATURE;
            throw new InvalidParameterException(
                    missing,
                    "A signed report carries both " + GitHubSignatures.KEY_IDENTIFIER + " and "
                            + GitHubSignatures.SIGNATURE + "; " + missing + " is missing.");
        }
        return signatures.verifies(body, keyIdentifier, signature) ? Signed.GOOD : Signed.BAD;
    }

    private List<Leak> plainText(byte[] body, MediaType type, String address) {
        Charset charset;
        try {
            charset = type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
        } catch (IllegalArgumentException e) { // an unknown or malformed charset name
            throw new InvalidParameterException(
                    "Content-Type", "Warden does not know the charset of " + Validation.echo(type.toString()) + ".");
        }
        List<String> found = reports.findIn(new String(body, charset));
        if (found.size() > LeakReports.MAX_TOKENS) {
            throw new InvalidParameterException(
                    "body",
                    "The text holds " + found.size() + " Warden tokens; send at most " + LeakReports.MAX_TOKENS
                            + " per report.");
        }
        String source = "plain text report from " + address;
        return found.stream().map(value -> new Leak(value, source)).toList();
    }

    private List<Leak> partnerPayload(byte[] body, Signed signed) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidParameterException(
                    "body", "The body is no valid JSON; send [{\"token\", \"type\", \"url\", \"source\"}].");
        }
        if (root == null || !root.isArray()) {
            throw new InvalidParameterException(
                    "body", "The body must be a JSON array of {\"token\", \"type\", \"url\", \"source\"}.");
        }
        if (root.size() > LeakReports.MAX_TOKENS) {
            throw new InvalidParameterException(
                    "body",
                    "A report holds at most " + LeakReports.MAX_TOKENS + " entries; it held " + root.size() + ".");
        }
        String by = signed == Signed.GOOD ? "GitHub secret scanning" : "secret scanning report (unsigned)";
        List<Leak> leaks = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            String at = "[" + i + "]";
            if (!entry.isObject()) {
                throw new InvalidParameterException(
                        at, at + " must be an object {\"token\", \"type\", \"url\", \"source\"}.");
            }
            String token = text(entry, at, "token");
            if (token == null || token.isEmpty()) {
                throw new InvalidParameterException(at + ".token", at + ".token is required: the value found.");
            }
            text(entry, at, "type");
            String url = text(entry, at, "url");
            String source = text(entry, at, "source");
            String where = url == null || url.isBlank() ? "no URL given" : url.strip();
            leaks.add(new Leak(
                    token,
                    by + ": " + where + (source == null || source.isBlank() ? "" : " (" + source.strip() + ")")));
        }
        return leaks;
    }

    private static String text(JsonNode entry, String at, String field) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidParameterException(at + "." + field, at + "." + field + " must be a string.");
        }
        return value.stringValue();
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        errors.write(
                response,
                413,
                ApiError.invalidParameter(
                        "body", "A report is at most " + MAX_BODY + " bytes; split it into several reports."));
    }

    private static MediaType mediaType(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }
}
