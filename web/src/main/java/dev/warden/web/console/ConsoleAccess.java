package dev.warden.web.console;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.role.AccessPolicy;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** The signed-in principal's abilities, computed once per request (the layout and the handler both ask). */
@Component
public final class ConsoleAccess {
    private static final String KEY = ConsoleAccess.class.getName() + ".abilities";
    private final AccessPolicy access;

    ConsoleAccess(AccessPolicy access) {
        this.access = access;
    }

    /** Refuses (core's refusal, naming the permission and the roles held) unless held for the workspace. */
    public void require(Actor actor, Permission permission) {
        access.require(actor, permission);
    }

    /** Refuses unless held for the workspace or for some group. */
    public void requireAnywhere(Actor actor, Permission permission) {
        access.requireAnywhere(actor, permission);
    }

    public Abilities of(Actor actor) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(KEY, RequestAttributes.SCOPE_REQUEST) instanceof Abilities known) {
            return known;
        }
        Abilities abilities = new Abilities(access.permissionsOf(actor));
        if (request != null) {
            request.setAttribute(KEY, abilities, RequestAttributes.SCOPE_REQUEST);
        }
        return abilities;
    }
}
