package dev.warden.web.group;

import java.util.List;

/** The heading part every tab of a group's page shows, and what the Members tab lists. */
record GroupPageView(long id, String displayName, List<MemberView> members) {

    public String deleteConfirm() {
        String members = switch (members().size()) {
            case 0 -> "It has no members; the roles";
            case 1 -> "Its 1 member leaves it and the roles";
            default -> "Its " + members().size() + " members leave it and the roles";
        };
        return "Delete group " + displayName + "? " + members + " given to it or scoped to it are removed. The members"
                + " themselves are kept.";
    }

    public String membersPath() {
        return "/settings/admin/groups/" + id + "/members";
    }

    public String rolesPath() {
        return "/settings/admin/groups/" + id + "/roles";
    }
}
