/**
 * The benchmark: how conversion, validation, loading and serving cost grows with the size of the tables, measured
 * against the ceiling and against peers. Compiled with the tests (CI runs a smoke version of it); the full run is
 * described in {@code src/site/markdown/performance.md}.
 */
package org.ibcr.kg.bench;
