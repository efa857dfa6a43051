package io.nodedb.core.vector;

/**
 * Construction parameters of an HNSW graph. {@code m} neighbours per node on the upper layers and {@code m0}
 * (conventionally 2m) on the bottom layer, where most of the search happens; {@code efConstruction} is the beam
 * width while inserting and {@code efSearch} the default beam width of a query. The seed fixes the level drawn
 * for every insert, which is what makes construction replayable.
 */
public record HnswParams(int m, int m0, int efConstruction, int efSearch, long seed) {
    public static final int DEFAULT_M = 16;
    public static final int DEFAULT_EF_CONSTRUCTION = 200;
    public static final int DEFAULT_EF_SEARCH = 64;
    public static final long DEFAULT_SEED = 0x4E6F646544424853L;
    public static final int MAX_M = 512;

    public HnswParams {
        if (m < 2 || m > MAX_M) {
            throw new IllegalArgumentException("M must be between 2 and " + MAX_M + ", got " + m);
        }
        if (m0 < m || m0 > 2 * MAX_M) {
            throw new IllegalArgumentException("M0 must be between M and " + 2 * MAX_M + ", got " + m0);
        }
        if (efConstruction < 1 || efConstruction > 100_000) {
            throw new IllegalArgumentException("ef_construction must be between 1 and 100000, got " + efConstruction);
        }
        if (efSearch < 1 || efSearch > 100_000) {
            throw new IllegalArgumentException("ef_search must be between 1 and 100000, got " + efSearch);
        }
    }

    public static HnswParams defaults() {
        return of(DEFAULT_M, DEFAULT_EF_CONSTRUCTION);
    }

    /** M0 = 2M, default ef_search and seed. */
    public static HnswParams of(int m, int efConstruction) {
        return new HnswParams(m, 2 * m, efConstruction, DEFAULT_EF_SEARCH, DEFAULT_SEED);
    }

    public HnswParams withSeed(long newSeed) {
        return new HnswParams(m, m0, efConstruction, efSearch, newSeed);
    }

    public HnswParams withEfSearch(int ef) {
        return new HnswParams(m, m0, efConstruction, ef, seed);
    }

    /** The level multiplier 1/ln(M) of the HNSW paper, giving an expected 1/M share of nodes per level up. */
    double levelMultiplier() {
        return 1.0 / StrictMath.log(m);
    }
}
