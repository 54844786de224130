package dev.warden.persistence;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * A test of the JDBC adapters on a real database, migrated by Flyway: the JDBC test slice with the persistence
 * module's configuration ({@code PersistenceTestApplication}), each test in a transaction that is rolled back
 * unless the class says otherwise. The database comes from {@link OnMariaDb} or {@link OnH2} on the concrete class.
 * <p>
 * Nothing here varies per class, so Spring's test context cache gives every class of one database kind the same
 * context: do not add {@code @DynamicPropertySource}, {@code @DirtiesContext} or per-class properties, which would
 * start a context (and migrate a database) per class again. Instead of a fresh database, each class starts from
 * emptied tables ({@link TestDatabases#emptyTables}), whatever an earlier class committed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@TestExecutionListeners(
        listeners = JdbcAdapterTest.EmptyTables.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface JdbcAdapterTest {

    /** Empties the shared database before each test class. */
    final class EmptyTables extends AbstractTestExecutionListener {
        @Override
        public int getOrder() {
            return 0;
        }

        @Override
        public void beforeTestClass(TestContext testContext) throws Exception {
            TestDatabases.emptyTables(testContext.getApplicationContext().getBean(DataSource.class));
        }
    }
}
