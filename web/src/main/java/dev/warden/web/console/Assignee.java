package dev.warden.web.console;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.PrincipalId;
import java.util.Optional;

/**
 * Who a role is given to, as the console's pickers send it: {@code principal:42} or {@code group:7}.
 * Exactly one of the two ids is set.
 */
public record Assignee(PrincipalId principal, GroupId group) {

    public static Optional<Assignee> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.strip().split(":", 2);
        if (parts.length != 2 || !parts[1].matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        long id = Long.parseLong(parts[1]);
        return switch (parts[0]) {
            case "principal" -> Optional.of(new Assignee(new PrincipalId(id), null));
            case "group" -> Optional.of(new Assignee(null, new GroupId(id)));
            default -> Optional.empty();
        };
    }

    public static String of(PrincipalId principal) {
        return "principal:" + principal.value();
    }

    public static String of(GroupId group) {
        return "group:" + group.value();
    }
}
