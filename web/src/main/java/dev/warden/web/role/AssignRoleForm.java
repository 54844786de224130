package dev.warden.web.role;

/**
 * A role page's "Assign" form: who gets the role ({@code assignee} "principal:42" or "group:7", from the picker)
 * and for what ({@code scopeGroupId} empty for the whole workspace, or one group's id).
 */
public class AssignRoleForm {
    private String assignee;
    private Long scopeGroupId;

    public String getAssignee() {
        return assignee;
    }

    public void setAssignee(String assignee) {
        this.assignee = assignee;
    }

    public Long getScopeGroupId() {
        return scopeGroupId;
    }

    public void setScopeGroupId(Long scopeGroupId) {
        this.scopeGroupId = scopeGroupId;
    }
}
