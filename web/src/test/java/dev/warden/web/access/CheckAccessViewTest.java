package dev.warden.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.access.Step;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 16: each step of DESIGN's decision chain is numbered once; a further check of a step has no number. */
class CheckAccessViewTest {
    @Test
    void theNumbersFollowDesignsTableAndNeverGoBack() {
        List<Integer> numbers =
                Arrays.stream(Step.values()).map(CheckAccessView::number).toList();

        assertThat(numbers).isSorted().startsWith(1).endsWith(8);
        assertThat(numbers.stream().distinct()).hasSize(8);
    }
}
