package dev.warden;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WardenApplication {
    public static void main(String[] args) {
        SpringApplication.run(WardenApplication.class, args);
    }
}
