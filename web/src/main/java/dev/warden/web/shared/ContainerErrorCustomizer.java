package dev.warden.web.shared;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ContainerErrorValve} in place of Tomcat's HTML error report. Ordered last, so it runs after Boot's
 * own customizer has added its {@link ErrorReportValve} to the host, and replaces that one.
 */
@Component
class ContainerErrorCustomizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {
    private final ApiErrorWriter errors;

    ContainerErrorCustomizer(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Host host = (Host) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ContainerErrorValve(errors));
            if (host instanceof StandardHost standard) {
                // the host adds a valve of this class on start unless one is there: ours is
                standard.setErrorReportValveClass(ContainerErrorValve.class.getName());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
