package dev.warden;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxMvcAutoConfiguration;
import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

// htmx-spring-boot is configured by dev.warden.web.console.ConsoleHtmxConfiguration (console paths only)
@SpringBootApplication(exclude = HtmxMvcAutoConfiguration.class)
@ConfigurationPropertiesScan
public class WardenApplication {
    public static void main(String[] args) {
        // Stored times are UTC; a UTC JVM keeps every driver (H2 in particular) from shifting them through a
        // local zone, and makes log times match the times in the database and the API.
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        SpringApplication.run(WardenApplication.class, args);
    }
}
