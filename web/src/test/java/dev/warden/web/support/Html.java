package dev.warden.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads console pages by their {@code data-testid} attributes, as the browser journeys do, without a browser:
 * enough HTML parsing for server-rendered pages whose elements of interest do not nest in their own kind.
 */
public final class Html {
    private static final Pattern TAG = Pattern.compile("<(\\w+)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");

    private Html() {}

    /** The attributes of every element with this test id, in document order. */
    public static List<Map<String, String>> tagsWith(String html, String testid) {
        List<Map<String, String>> found = new ArrayList<>();
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            if (tag.group(2).contains("data-testid=\"" + testid + "\"")) {
                Map<String, String> attributes = new HashMap<>();
                Matcher a = ATTRIBUTE.matcher(tag.group(2));
                while (a.find()) {
                    attributes.put(a.group(1), a.group(2));
                }
                found.add(attributes);
            }
        }
        return found;
    }

    /** The text of the first element with this test id; fails when there is none. */
    public static String testid(String html, String testid) {
        List<String> found = all(html, testid);
        assertThat(found).as("element " + testid + " in " + html).isNotEmpty();
        return found.get(0);
    }

    /** The text of every element with this test id, in document order. */
    public static List<String> all(String html, String testid) {
        List<String> texts = new ArrayList<>();
        Matcher m = opening(testid).matcher(html);
        while (m.find()) {
            int end = html.indexOf("</" + m.group(1) + ">", m.end());
            texts.add(text(html.substring(m.end(), end)));
        }
        return texts;
    }

    /** The inner HTML of the first element with this test id; fails when there is none. */
    public static String section(String html, String testid) {
        Matcher m = opening(testid).matcher(html);
        assertThat(m.find()).as("element " + testid).isTrue();
        return html.substring(m.end(), html.indexOf("</" + m.group(1) + ">", m.end()));
    }

    /** Inner HTML as a person reads it: tags dropped, the usual entities decoded, whitespace collapsed. */
    public static String text(String innerHtml) {
        return innerHtml
                .replaceAll("<[^>]+>", " ")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
                .replace("&quot;", "\"")
                .replaceAll("\\s+", " ")
                .strip();
    }

    /** "STEP=outcome" for each line of a Check access trace, in order. */
    public static List<String> traceSteps(String html) {
        return tagsWith(html, "trace-step").stream()
                .map(a -> a.get("data-step") + "=" + a.get("data-outcome"))
                .toList();
    }

    /** "scope=live" for each scope in a token's Scopes panel, in order. */
    public static List<String> scopeStates(String html) {
        return tagsWith(html, "scope-state").stream()
                .map(a -> a.get("data-scope") + "=" + a.get("data-live"))
                .toList();
    }

    private static Pattern opening(String testid) {
        return Pattern.compile("<(\\w+)[^>]*data-testid=\"" + Pattern.quote(testid) + "\"[^>]*>");
    }
}
