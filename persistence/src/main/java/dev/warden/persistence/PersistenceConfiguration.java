package dev.warden.persistence;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Everything the persistence module contributes: the JDBC adapters of core's ports, each on Spring's
 * {@code JdbcClient} (docs/adr/0001-one-data-access-idiom.md).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = PersistenceConfiguration.class)
public class PersistenceConfiguration {}
