package dev.warden.core.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.testkit.InMemoryDirectory;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupNamesTest {
    private static final WorkspaceId WORKSPACE = CoreTestKit.WORKSPACE;
    private static final WorkspaceId OTHER_WORKSPACE = CoreTestKit.OTHER_WORKSPACE;

    private final CoreTestKit kit = CoreTestKit.builder().empty().build();
    private final InMemoryDirectory directory = kit.directory;
    private final GroupNames names = kit.groupNames;
    private final Group ops = directory.groups.save(new Group(null, WORKSPACE, "ops", null));
    private final Group dev = directory.groups.save(new Group(null, WORKSPACE, "dev", null));
    private final Group elsewhere = directory.groups.save(new Group(null, OTHER_WORKSPACE, "ops", null));

    @Test
    void byIdNamesTheGroupsOfTheWorkspaceOnlyAndSkipsNullsAndUnknownIds() {
        assertThat(names.byId(
                        WORKSPACE, Arrays.asList(ops.id(), null, dev.id(), ops.id(), elsewhere.id(), new GroupId(999))))
                .containsOnlyKeys(ops.id(), dev.id())
                .containsEntry(ops.id(), ops);
        assertThat(names.byId(WORKSPACE, Arrays.asList((GroupId) null))).isEmpty();
        assertThat(names.byId(WORKSPACE, List.of())).isEmpty();
    }

    @Test
    void findsOneGroupByIdOrByItsExactDisplayNameInTheWorkspace() {
        assertThat(names.find(WORKSPACE, dev.id())).contains(dev);
        assertThat(names.find(WORKSPACE, elsewhere.id())).isEmpty();
        assertThat(names.byDisplayName(WORKSPACE, "ops")).contains(ops);
        assertThat(names.byDisplayName(OTHER_WORKSPACE, "ops")).contains(elsewhere);
        assertThat(names.byDisplayName(WORKSPACE, "OPS")).isEmpty();
    }
}
