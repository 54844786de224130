package dev.warden.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.web.support.WardenSpringBootTest;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;

/**
 * Every API controller runs its state-changing handlers in one transaction (so a refusal anywhere in a request rolls
 * back everything it did), and its reads in none.
 */
@WardenSpringBootTest
class ApiWriteTransactionsIT {
    @Autowired
    ApplicationContext context;

    @Test
    void everyApiControllerIsAdvisedWithTheWriteTransaction() {
        Map<String, Object> controllers = context.getBeansWithAnnotation(ApiController.class);

        assertThat(controllers).isNotEmpty();
        assertThat(controllers.values()).allSatisfy(controller -> {
            assertThat(AopUtils.isAopProxy(controller)).as(controller.getClass().getName()).isTrue();
            assertThat(Arrays.stream(((Advised) controller).getAdvisors()).map(Advisor::getAdvice))
                    .hasAtLeastOneElementOfType(TransactionInterceptor.class);
        });
    }

    @Test
    void writesAreMatchedAndReadsAreNot() {
        long writes = 0;
        for (Object controller : context.getBeansWithAnnotation(ApiController.class).values()) {
            for (Method method : AopUtils.getTargetClass(controller).getDeclaredMethods()) {
                boolean write = method.isAnnotationPresent(PostMapping.class)
                        || method.isAnnotationPresent(PutMapping.class)
                        || method.isAnnotationPresent(PatchMapping.class)
                        || method.isAnnotationPresent(DeleteMapping.class);
                boolean read = method.isAnnotationPresent(GetMapping.class);
                if (write || read) {
                    assertThat(ApiWriteTransactions.changesState(method)).as(method.toString()).isEqualTo(write);
                    writes += write ? 1 : 0;
                }
            }
        }
        assertThat(writes).isGreaterThan(20);
    }
}
