package dev.warden.web.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the metrics Warden computes itself ({@code warden.metrics.*}).
 * @param tokenCountMaxAge how long the token counts ({@code warden_tokens}) are reused before a scrape counts again;
 *                         the count reads the whole tokens table, so scrapes every few seconds must not each pay for
 *                         it (0: count on every scrape)
 */
@ConfigurationProperties("warden.metrics")
public record MetricsProperties(@DefaultValue("30s") Duration tokenCountMaxAge) {}
