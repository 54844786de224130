package dev.warden.web.token;

import dev.warden.core.token.TokenManagementService;
import dev.warden.core.token.TokenManagementService.BulkRevokePreview;

/** The sentences of the bulk revoke dialog and its flash. */
final class BulkRevokeText {
    private BulkRevokeText() {}

    /** "This revokes 42 tokens of 7 owners.", or why nothing would be revoked. */
    static String preview(BulkRevokePreview preview) {
        if (preview.more()) {
            return "More than " + number(TokenManagementService.MAX_BULK) + " tokens match; one bulk revoke takes at"
                    + " most " + number(TokenManagementService.MAX_BULK) + ". Narrow the filters (owner, kind,"
                    + " scope, creator) and revoke in several steps.";
        }
        return preview.tokens() == 0
                ? "No token that works matches."
                : "This revokes " + tokensOfOwners(preview.tokens(), preview.owners()) + ".";
    }

    /** "42 tokens of 7 owners", "1 token of 1 owner". */
    static String tokensOfOwners(int tokens, int owners) {
        return count(tokens, "token") + " of " + count(owners, "owner");
    }

    /** 10000 as "10 000". */
    static String number(int value) {
        return String.format(java.util.Locale.ROOT, "%,d", value).replace(',', ' ');
    }

    private static String count(int n, String noun) {
        return number(n) + " " + noun + (n == 1 ? "" : "s");
    }
}
