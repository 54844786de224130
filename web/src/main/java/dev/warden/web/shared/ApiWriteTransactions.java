package dev.warden.web.shared;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcher;
import org.springframework.aop.support.annotation.AnnotationClassFilter;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.interceptor.MatchAlwaysTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Every API call that may change state ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) runs in one
 * transaction, from the handler's first read to the data of its answer. The services' own transactions join it, so
 * a refusal anywhere in the request (also one raised after a service finished its part, while the answer is
 * assembled) rolls the whole request back: a refused request changes nothing, and a change commits with its audit
 * record or not at all. Reads need no transaction and get none.
 */
@Configuration(proxyBeanMethods = false)
class ApiWriteTransactions {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor apiWriteTransactionAdvisor(BeanFactory beanFactory) {
        TransactionInterceptor interceptor = new TransactionInterceptor();
        interceptor.setTransactionAttributeSource(new MatchAlwaysTransactionAttributeSource());
        interceptor.setBeanFactory(beanFactory); // finds the transaction manager when the first call comes
        ComposablePointcut writes = new ComposablePointcut(new AnnotationClassFilter(ApiController.class, true))
                .intersection(new StaticMethodMatcher() {
                    @Override
                    public boolean matches(Method method, Class<?> targetClass) {
                        return changesState(method);
                    }
                });
        return new DefaultPointcutAdvisor(writes, interceptor);
    }

    /** A handler mapped to a method other than GET (HEAD and OPTIONS are never mapped explicitly). */
    static boolean changesState(Method method) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
        return mapping != null && mapping.method().length > 0
                && Arrays.stream(mapping.method()).anyMatch(verb -> verb != RequestMethod.GET);
    }
}
