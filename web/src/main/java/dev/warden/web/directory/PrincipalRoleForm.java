package dev.warden.web.directory;

/**
 * A service principal's page, "Assign role": the role, and for what ({@code scopeGroupId} empty for the whole
 * workspace, or one group's id), as the role page's assign form names it.
 */
public class PrincipalRoleForm {
    private Long roleId;
    private Long scopeGroupId;

    public Long getRoleId() {
        return roleId;
    }

    public void setRoleId(Long roleId) {
        this.roleId = roleId;
    }

    public Long getScopeGroupId() {
        return scopeGroupId;
    }

    public void setScopeGroupId(Long scopeGroupId) {
        this.scopeGroupId = scopeGroupId;
    }
}
