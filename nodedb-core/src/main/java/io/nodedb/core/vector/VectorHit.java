package io.nodedb.core.vector;

import io.nodedb.core.value.Value;

/** One search result: the row's external id and its distance to the query (smaller is closer, see {@link Metric}). */
public record VectorHit(Value id, float distance) {
}
