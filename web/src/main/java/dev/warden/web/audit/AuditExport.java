package dev.warden.web.audit;

import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLogService;
import dev.warden.core.audit.AuditPage;
import dev.warden.core.audit.AuditQuery;
import dev.warden.core.audit.StoredAuditEvent;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes the events that match a query as CSV or JSON Lines, newest first, streamed a page at a time (at most
 * {@value AuditLogService#MAX_EXPORT}). The API's export and the console's Export buttons both answer through here.
 * The permission and filters are checked before anything is written, so a refusal is an ordinary error answer.
 */
@Component
class AuditExport {
    static final String FORMAT = "format";
    static final String[] CSV_HEADER = {
        "id",
        "time",
        "action",
        "actor_id",
        "actor_name",
        "target_type",
        "target_id",
        "target_name",
        "subject_ids",
        "client_address",
        "details"
    };
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    enum Format {
        CSV("text/csv;charset=UTF-8;header=present", "csv"),
        JSONL("application/jsonl;charset=UTF-8", "jsonl");

        final String contentType;
        final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        /** CSV when absent or empty. */
        static Format parse(String raw) {
            if (raw == null || raw.isEmpty()) {
                return CSV;
            }
            for (Format format : values()) {
                if (format.extension.equals(raw.strip().toLowerCase(Locale.ROOT))) {
                    return format;
                }
            }
            throw new InvalidParameterException(
                    FORMAT, "format must be csv or jsonl; got " + Validation.echo(raw) + ".");
        }
    }

    private final AuditLogService audit;
    private final ObjectMapper json;
    private final Clock clock;

    AuditExport(AuditLogService audit, ObjectMapper json, Clock clock) {
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    void write(Actor actor, AuditQuery query, Format format, HttpServletResponse response) throws IOException {
        try {
            Sink sink = new Sink(format, response);
            audit.export(actor, query, AuditLogService.MAX_EXPORT, sink::page);
            sink.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Opens the body on the first page (after the permission check passed), then writes each page as it comes. */
    private final class Sink {
        private final Format format;
        private final HttpServletResponse response;
        private Writer writer;
        private CSVPrinter csv;

        Sink(Format format, HttpServletResponse response) {
            this.format = format;
            this.response = response;
        }

        void page(AuditPage page) {
            try {
                if (writer == null) {
                    open();
                }
                for (StoredAuditEvent stored : page.events()) {
                    if (format == Format.CSV) {
                        csv.printRecord((Object[]) row(stored, page.targetName(stored)));
                    } else {
                        writer.write(
                                json.writeValueAsString(AuditEventsResponse.Event.of(stored, page.targetName(stored))));
                        writer.write('\n');
                    }
                }
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void open() throws IOException {
            response.setContentType(format.contentType);
            response.setHeader(
                    HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment()
                            .filename("audit-events-" + FILE_TIME.format(clock.instant()) + "." + format.extension)
                            .build()
                            .toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
            if (format == Format.CSV) {
                // RFC 4180: CRLF line ends, quotes only where a cell needs them (comma, quote, CR or LF)
                csv = new CSVPrinter(
                        writer,
                        CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get());
            }
        }

        void finish() throws IOException {
            if (csv != null) {
                csv.flush();
            }
            writer.flush();
        }
    }

    private String[] row(StoredAuditEvent stored, String targetName) {
        AuditEvent event = stored.event();
        return new String[] {
            Long.toString(stored.id()),
            event.occurredAt().toString(),
            event.action().name(),
            event.actorId() == null ? "" : event.actorId().toString(),
            safe(event.actorName()),
            event.targetType() == null ? "" : AuditEventsResponse.AuditTargetType.toApi(event.targetType()),
            safe(event.targetId()),
            safe(targetName),
            safe(String.join(" ", event.subjects())),
            safe(event.clientAddress()),
            safe(json.writeValueAsString(event.details()))
        };
    }

    /**
     * A cell a spreadsheet would read as a formula (it starts with {@code = + - @}, a tab or a carriage return) gets a
     * leading apostrophe, so opening the export never runs what someone typed into a name or comment (OWASP's advice
     * against CSV injection).
     */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }
}
