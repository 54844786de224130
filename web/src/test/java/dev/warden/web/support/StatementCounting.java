package dev.warden.web.support;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Counts the SQL statements each HTTP request runs on its own thread, for tests of DESIGN's "Request cost": the
 * data source is wrapped so that every {@code execute…} of a statement it hands out counts for the thread that
 * runs it (work on other threads, such as the batched last-use writes, is not the request's). A filter ahead of
 * all others starts the count; an interceptor behind all others notes it when the handler is about to run. A
 * request carrying {@link #HEADER} leaves both numbers under that value in {@link Counts}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounting {
    public static final String HEADER = "X-Test-Count";
    private static final ThreadLocal<int[]> ON_THIS_THREAD = ThreadLocal.withInitial(() -> new int[1]);
    private static final String BEFORE_HANDLER = StatementCounting.class.getName() + ".beforeHandler";

    /** What one request ran: before its handler started (null: the handler never ran), and in all. */
    public record Count(Integer beforeHandler, int total) {}

    /**
     * The counts of the requests that carried {@link #HEADER}, by its value. A count is noted when the request's
     * thread leaves the filter, which may be just after the client has read the answer: {@link #of} waits for it.
     */
    public static final class Counts {
        private final Map<String, CompletableFuture<Count>> byRequest = new ConcurrentHashMap<>();

        public Count of(String request) {
            try {
                return future(request).get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("no count for the request with " + HEADER + ": " + request, e);
            }
        }

        private CompletableFuture<Count> future(String request) {
            return byRequest.computeIfAbsent(request, id -> new CompletableFuture<>());
        }
    }

    @Bean
    Counts statementCounts() {
        return new Counts();
    }

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource ? counting(dataSource) : bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<Filter> statementCountingFilter(Counts counts) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            ON_THIS_THREAD.get()[0] = 0;
            try {
                chain.doFilter(request, response);
            } finally {
                String id = ((HttpServletRequest) request).getHeader(HEADER);
                if (id != null) {
                    counts.future(id)
                            .complete(new Count(
                                    (Integer) request.getAttribute(BEFORE_HANDLER),
                                    ON_THIS_THREAD.get()[0]));
                }
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    WebMvcConfigurer statementCountingInterceptor() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new HandlerInterceptor() {
                            @Override
                            public boolean preHandle(
                                    HttpServletRequest request, HttpServletResponse response, Object handler) {
                                request.setAttribute(
                                        BEFORE_HANDLER, ON_THIS_THREAD.get()[0]);
                                return true;
                            }
                        })
                        .order(Ordered.LOWEST_PRECEDENCE);
            }
        };
    }

    private static DataSource counting(DataSource target) {
        return (DataSource) proxy(DataSource.class, target, (result, method) -> {
            if (result instanceof Connection connection) {
                return proxy(
                        Connection.class,
                        connection,
                        (made, call) -> made instanceof Statement statement
                                ? proxy(interfaceOf(statement), statement, (ran, execute) -> {
                                    if (execute.getName().startsWith("execute")) {
                                        ON_THIS_THREAD.get()[0]++;
                                    }
                                    return ran;
                                })
                                : made);
            }
            return result;
        });
    }

    private static Class<? extends Statement> interfaceOf(Statement statement) {
        if (statement instanceof java.sql.CallableStatement) {
            return java.sql.CallableStatement.class;
        }
        return statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
    }

    /** What to do with a call's result (wrap it, count it); the call itself always goes to the target. */
    private interface After {
        Object apply(Object result, Method method);
    }

    private static Object proxy(Class<?> type, Object target, After after) {
        InvocationHandler handler = (self, method, args) -> {
            try {
                if (method.getName().startsWith("execute")) {
                    after.apply(null, method); // count before running, so a failing statement counts too
                    return method.invoke(target, args);
                }
                return after.apply(method.invoke(target, args), method);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return Proxy.newProxyInstance(StatementCounting.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
