package dev.warden.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of docker/ without a Docker engine (docker/README.md says what was and was not run): the
 * compose file parses and wires what its README promises, every setting it reads is in .env.example, and every
 * placeholder of the nginx template is set. bench/two-nodes.sh runs nginx.conf itself in front of two nodes.
 */
class DockerFilesTest {
    private static final Path DOCKER = Path.of("..", "docker");
    /** ${NAME} without a default ({@code ${NAME:-x}} has one): compose refuses to guess these. */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTwoNodesOnMysqlBehindNginx() throws IOException {
        Map<String, Object> compose = new Yaml().load(read("compose.yaml"));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        assertThat(services).containsOnlyKeys("mysql", "warden-a", "warden-b", "nginx");
        assertThat(services.get("mysql")).containsEntry("image", "mysql:8.4").containsKey("healthcheck");
        assertThat((List<String>) services.get("mysql").get("volumes")).contains("mysql-data:/var/lib/mysql");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKey("mysql-data");
        for (String node : List.of("warden-a", "warden-b")) {
            Map<String, Object> environment =
                    (Map<String, Object>) services.get(node).get("environment");
            assertThat((String) environment.get("WARDEN_DB_URL"))
                    .startsWith("jdbc:mysql://mysql:3306/")
                    .contains("connectionTimeZone=UTC");
            assertThat(environment).containsKeys("WARDEN_DB_USER", "WARDEN_DB_PASSWORD", "WARDEN_TRUSTED_PROXIES");
            assertThat((Map<String, Object>) services.get(node).get("build"))
                    .containsEntry("dockerfile", "docker/Dockerfile");
        }
        // only one node runs the first-start bootstrap on an empty database
        assertThat((Map<String, Object>) services.get("warden-b").get("depends_on"))
                .containsKey("warden-a");
    }

    @Test
    void everySettingComposeReadsIsInTheExampleEnvironment() throws IOException {
        Properties example = new Properties();
        example.load(Files.newBufferedReader(DOCKER.resolve(".env.example")));

        assertThat(variables(REQUIRED_VARIABLE, read("compose.yaml")))
                .isNotEmpty()
                .allSatisfy(name ->
                        assertThat(example).as("${%s} in compose.yaml", name).containsKey(name));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPlaceholderOfTheNginxTemplateIsSet() throws IOException {
        Map<String, Object> compose = new Yaml().load(read("compose.yaml"));
        Map<String, Object> nginx = ((Map<String, Map<String, Object>>) compose.get("services")).get("nginx");
        Map<String, Object> environment = (Map<String, Object>) nginx.get("environment");

        Set<String> placeholders = variables(REQUIRED_VARIABLE, read("nginx.conf"));
        assertThat(placeholders).contains("WARDEN_UPSTREAM_A", "WARDEN_UPSTREAM_B");
        assertThat(environment).containsKeys(placeholders.toArray(String[]::new));
        assertThat((List<String>) nginx.get("volumes"))
                .contains("./nginx.conf:/etc/nginx/templates/default.conf.template:ro");
    }

    @Test
    void theImageRunsAsANonRootUserWithItsCdsArchiveAndAHealthCheck() throws IOException {
        String dockerfile = read("Dockerfile");

        assertThat(dockerfile)
                .contains("FROM eclipse-temurin:17-jdk AS build", "FROM eclipse-temurin:17-jre")
                .contains("./mvnw -B -ntp package -pl web -am")
                .contains("-Djarmode=tools", "extract --layers")
                .contains("-XX:ArchiveClassesAtExit=application.jsa", "-Dspring.context.exit=onRefresh")
                .contains("USER warden")
                .contains("HEALTHCHECK", "/actuator/health/readiness")
                .contains("ENTRYPOINT [\"java\", \"-XX:SharedArchiveFile=application.jsa\"");
        // the training run happens as the runtime user, on the runtime JVM
        assertThat(dockerfile.indexOf("USER warden")).isLessThan(dockerfile.indexOf("-XX:ArchiveClassesAtExit"));
    }

    private static Set<String> variables(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String read(String file) throws IOException {
        return Files.readString(DOCKER.resolve(file));
    }
}
