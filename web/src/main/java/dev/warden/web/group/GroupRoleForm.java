package dev.warden.web.group;

/**
 * The Roles tab's two assign forms: a role given to the group itself ({@code scope} "workspace" or "group"), or
 * a role for this group given to someone ({@code assignee} "principal:42" or "group:7", as the picker sends it).
 */
public class GroupRoleForm {
    private Long roleId;
    private String scope = "workspace";
    private String assignee;

    public Long getRoleId() {
        return roleId;
    }

    public void setRoleId(Long roleId) {
        this.roleId = roleId;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getAssignee() {
        return assignee;
    }

    public void setAssignee(String assignee) {
        this.assignee = assignee;
    }
}
