package dev.warden.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.permission.Permission;
import dev.warden.core.permission.PermissionCatalogue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the console groups permissions: Warden's own first, then one group per registered service. */
class PermissionGroupViewTest {
    private static final Permission WIKI_READ = Permission.ofService("wiki", "wiki:read", "Read pages");
    private static final Permission WIKI_WRITE = Permission.ofService("wiki", "wiki:write", "Edit pages");
    private static final Permission CI_RUN = Permission.ofService("ci", "ci:run", "Run builds");

    @Test
    void wardensOwnComeFirstThenEachServiceUnderItsDisplayName() {
        List<PermissionGroupView> groups = PermissionGroupView.of(
                List.of(WIKI_WRITE, CI_RUN, Permission.ROLES_READ, WIKI_READ, Permission.TOKENS_READ),
                Map.of("wiki", "Team wiki"));

        assertThat(groups).extracting(PermissionGroupView::title).containsExactly("Warden", "ci", "Team wiki");
        assertThat(groups).extracting(PermissionGroupView::slug).containsExactly("warden", "ci", "wiki");
        assertThat(groups.get(0).permissions()).containsExactly(Permission.TOKENS_READ, Permission.ROLES_READ);
        assertThat(groups.get(2).permissions()).containsExactly(WIKI_READ, WIKI_WRITE);
    }

    @Test
    void aRoleWithOnlyServiceScopesHasNoWardenGroup() {
        assertThat(PermissionGroupView.of(Set.of(WIKI_READ), Map.of()))
                .extracting(PermissionGroupView::title)
                .containsExactly("wiki");
    }

    @Test
    void theScopePickerTitlesAServicesGroupWithItsDisplayNameAndLeavesWardensByResource() {
        PermissionCatalogue catalogue = PermissionCatalogue.with(List.of(WIKI_READ, WIKI_WRITE));

        ScopePickerView picker = ScopePickerView.forOwner(
                        "token", catalogue, Set.of(Permission.TOKENS_READ, WIKI_READ), List.of("wiki:read"))
                .withServiceTitles(Map.of("wiki", "Team wiki"));

        ScopePickerView.ScopeGroup wiki = picker.groups().get(picker.groups().size() - 1);
        assertThat(wiki.title()).isEqualTo("Team wiki");
        assertThat(wiki.service()).isEqualTo("wiki");
        assertThat(wiki.options())
                .extracting(ScopePickerView.ScopeOption::key, ScopePickerView.ScopeOption::grantable)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("wiki:read", true),
                        org.assertj.core.groups.Tuple.tuple("wiki:write", false));
        assertThat(picker.groups())
                .filteredOn(g -> g.service() == null)
                .allSatisfy(g -> assertThat(g.title()).isEqualTo(g.resource()));
    }
}
