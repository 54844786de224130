package dev.warden.web.tokenusage;

import java.util.List;

/**
 * The Token Usage dialog: the implicit workspace admins, the working copy of the direct entries, and what saving
 * that copy would do.
 * @param changed the working copy differs from the saved list
 */
record TokenUsageDialogView(List<Row> admins, List<Row> entries, Impact impact, boolean changed, boolean editable) {

    /** One line of the list. {@code value} is what the form posts for it: {@code group:7:CAN_USE}. */
    record Row(String subject, String name, String kind, String level, String value) {}

    record Loss(String name, String kind, int tokens) {
        public String tokensLabel() {
            return tokens == 1 ? "1 working token" : tokens + " working tokens";
        }
    }

    record Impact(List<Loss> losses, int tokens) {
        public boolean none() {
            return losses.isEmpty();
        }

        /** "2 principals lose token usage; their 5 tokens will stop working." */
        public String summary() {
            if (losses.isEmpty()) {
                return "Nobody loses token usage with these changes.";
            }
            String who = losses.size() == 1 ? "1 principal loses" : losses.size() + " principals lose";
            String whose = losses.size() == 1 ? "its " : "their ";
            String what = tokens == 1 ? "1 token" : tokens + " tokens";
            return who + " token usage; " + whose + what + " will stop working (suspended, not deleted).";
        }
    }
}
