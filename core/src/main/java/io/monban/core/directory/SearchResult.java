package io.monban.core.directory;

import java.util.List;

/** One page of a search and how many matched in all. */
public record SearchResult<T>(long total, List<T> items) {
}
