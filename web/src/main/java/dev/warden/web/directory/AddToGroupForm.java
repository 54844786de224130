package dev.warden.web.directory;

/** A service principal's page, "Add to group": the group it joins (one the viewer may change the members of). */
public class AddToGroupForm {
    private Long groupId;

    public Long getGroupId() {
        return groupId;
    }

    public void setGroupId(Long groupId) {
        this.groupId = groupId;
    }
}
