package dev.warden.web.access;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.ui.Model;

/**
 * Warden's refusals are written for the API's reader, in the third person ("The owner of this token, alice, lacks
 * …"). On the signed-in user's own token pages the reader is that owner, so the console says "you": this rewrites the
 * sentences the decision chain, the scope report and the token usage policy write about the owner, and leaves every
 * other sentence as it is (an unknown wording reads as before, in the third person, never wrong).
 */
public final class YourWords {
    private YourWords() {}

    private record Rule(String pattern, String replacement) {}

    /** {@code ME} stands for the owner's name, quoted; order matters (longer sentences first). */
    private static final List<Rule> RULES = List.of(
            new Rule("The owner of this token, ME, lacks", "You, the owner of this token, lack"),
            new Rule("A workspace admin can give ME a role", "A workspace admin can give you a role"),
            new Rule("\\(its owner ME holds it\\)", "(you hold it)"),
            new Rule(
                    "ME does not have permission to use tokens: no entry in the token usage list names ME or one of"
                            + " its groups, so its tokens are suspended",
                    "You do not have permission to use tokens: no entry in the token usage list names you or one of"
                            + " your groups, so your tokens are suspended"),
            new Rule("ME no longer holds", "you no longer hold"),
            new Rule("ME does not hold", "you do not hold"),
            new Rule("ME holds no permission at all now", "you hold no permission at all now"),
            new Rule("ME holds ", "you hold "),
            new Rule("ME is active", "you are active"));

    /** The text as its subject reads it: sentences about {@code me} say "you". */
    public static String of(String text, String me) {
        if (text == null || me == null || me.isEmpty()) {
            return text;
        }
        String result = text;
        for (Rule rule : RULES) {
            Pattern pattern = Pattern.compile(rule.pattern().replace("ME", Pattern.quote(me)));
            result = pattern.matcher(result).replaceAll(Matcher.quoteReplacement(rule.replacement()));
        }
        // a sentence that now starts with "you" starts with a capital
        return result.startsWith("you ") ? "Y" + result.substring(1) : result;
    }

    /**
     * Rewrites the token page's panels ({@link TokenAccessConsole#addPanels}, {@link TokenAccessConsole#check}) in
     * the model for their owner.
     */
    public static void speakTo(String me, Model model) {
        if (model.getAttribute("scopesPanel") instanceof ScopesPanelView panel) {
            model.addAttribute(
                    "scopesPanel",
                    new ScopesPanelView(
                            panel.scopes().stream()
                                    .map(s -> new ScopesPanelView.ScopeLine(
                                            s.key(), s.description(), s.live(), of(s.why(), me)))
                                    .toList(),
                            panel.effective(),
                            panel.dead()));
        }
        if (model.getAttribute("checkResult") instanceof CheckAccessView result) {
            model.addAttribute(
                    "checkResult",
                    new CheckAccessView(
                            result.endpoint(),
                            result.permission(),
                            result.group(),
                            result.allowed(),
                            result.verdict(),
                            result.reason(),
                            result.status(),
                            of(result.message(), me),
                            result.facts(),
                            result.trace().stream()
                                    .map(line -> new CheckAccessView.Line(
                                            line.number(),
                                            line.step(),
                                            line.description(),
                                            line.outcome(),
                                            line.outcomeLabel(),
                                            of(line.detail(), me)))
                                    .toList()));
        }
    }
}
