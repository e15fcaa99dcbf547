/**
 * The benchmark: how conversion, validation, loading and serving cost grows with the size of the tables, measured
 * against the ceiling and against peers, each comparison as alternating pairs of runs ({@link
 * org.ibcr.kg.bench.PairedComparison}: a new peer comparison is one call of {@code Bench.compare}). Compiled with the tests (CI runs a smoke version of it); the full run is
 * described in {@code src/site/markdown/performance.md}.
 */
package org.ibcr.kg.bench;
