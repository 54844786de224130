package dev.warden.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One answer of {@code /actuator/prometheus} in the text format, read series by series. */
record Scrape(String text) {

    /** The value of the series written exactly so ({@code name{label="value",...}}); it must be there. */
    double value(String series) {
        Matcher line =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)").matcher(text);
        assertThat(line.find()).as("series %s in the scrape", series).isTrue();
        return Double.parseDouble(line.group(1));
    }

    double decisions(String reason) {
        return value("warden_decisions_total{reason=\"" + reason + "\"}");
    }

    double decisionCount() {
        return value("warden_decision_seconds_count");
    }

    double tokens(String kind, String status) {
        return value("warden_tokens{kind=\"" + kind + "\",status=\"" + status + "\"}");
    }
}
