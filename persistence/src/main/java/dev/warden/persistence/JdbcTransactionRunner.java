package dev.warden.persistence;

import dev.warden.core.shared.TransactionRunner;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Core's transaction port on Spring's transaction template; nested calls join the outer transaction. */
@Component
class JdbcTransactionRunner implements TransactionRunner {
    private final TransactionTemplate template;

    JdbcTransactionRunner(PlatformTransactionManager transactions) {
        this.template = new TransactionTemplate(transactions);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return template.execute(status -> work.get());
    }
}
