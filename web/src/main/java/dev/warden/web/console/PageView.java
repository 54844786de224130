package dev.warden.web.console;

import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a searchable console list, with what its pager and its "12–20 of 45" line need. Pages are
 * numbered from 1, as the URL shows them ({@code ?q=ops&page=2}).
 */
public record PageView<T>(List<T> items, long total, int page, int size, String q) {
    public static final int SIZE = 20;

    /**
     * The request for page {@code page} (1-based; anything below 1 is the first page). A page far past the end
     * asks for an offset no list reaches (the caller then clamps to the last page), never for a negative one.
     */
    public static PageRequest request(int page, int size) {
        long offset = (long) (Math.max(page, 1) - 1) * size;
        return new PageRequest((int) Math.min(offset, Integer.MAX_VALUE), size);
    }

    public static <S, T> PageView<T> of(Page<S> found, Function<S, T> view, String q) {
        int size = found.request().limit();
        int page = found.request().offset() / Math.max(size, 1) + 1;
        return new PageView<>(found.items().stream().map(view).toList(), found.total(), page, size, q);
    }

    /** The page number to ask for so that {@code page} is not past the end of {@code total} results. */
    public static int clamp(int page, long total, int size) {
        int last = (int) Math.max(1, (total + size - 1) / size);
        return Math.min(Math.max(page, 1), last);
    }

    public int totalPages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < totalPages();
    }

    public long from() {
        return items.isEmpty() ? 0 : (long) (page - 1) * size + 1;
    }

    public long to() {
        return items.isEmpty() ? 0 : from() + items.size() - 1;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
