package dev.warden.persistence;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/** Everything the persistence module contributes: the JDBC adapters of core's ports. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = PersistenceConfiguration.class)
@EnableJdbcRepositories(basePackageClasses = PersistenceConfiguration.class)
public class PersistenceConfiguration {
}
