package dev.warden.web.role;

import dev.warden.core.permission.Permission;
import dev.warden.core.role.Role;
import java.util.ArrayList;
import java.util.List;

/** The "New role" and "Edit role" dialogs: a name, a description and the ticked permissions. */
public class EditRoleForm {
    private String name;
    private String description;
    private List<String> permissions = new ArrayList<>();

    static EditRoleForm of(Role role) {
        EditRoleForm form = new EditRoleForm();
        form.setName(role.name());
        form.setDescription(role.description());
        form.setPermissions(role.permissions().stream().map(Permission::key).toList());
        return form;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getPermissions() {
        return permissions;
    }

    public void setPermissions(List<String> permissions) {
        this.permissions = permissions == null ? new ArrayList<>() : new ArrayList<>(permissions);
    }
}
