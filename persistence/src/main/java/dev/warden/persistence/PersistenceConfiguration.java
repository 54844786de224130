package dev.warden.persistence;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.jdbc.repository.config.JdbcConfiguration;

/** Everything the persistence module contributes: the JDBC adapters of core's ports. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = PersistenceConfiguration.class)
@EnableJdbcRepositories(basePackageClasses = PersistenceConfiguration.class)
public class PersistenceConfiguration {

    /** The dialect's conversions plus UTC instants ({@link Times}); Boot's own bean backs off for this one. */
    @Bean
    JdbcCustomConversions wardenJdbcCustomConversions(JdbcDialect dialect) {
        return JdbcConfiguration.createCustomConversions(dialect, Times.converters());
    }
}
