package io.nodedb.core.vector;

/**
 * Parameters of the product-quantized index types ({@link IndexType#HNSW_PQ}, {@link IndexType#IVF_PQ}); 0 in any
 * field means "the default" (resolved by the accessors named {@code effective...}), which keeps the log record of
 * an index declared without options as short as before.
 *
 * @param pqSubspaces PQ subspaces m: each vector becomes m one-byte codes (256 centroids per subspace); subspace
 *     j covers dimensions {@code [j·dim/m, (j+1)·dim/m)}. Default: dim / 8 (at least 1), so 8 dimensions a code.
 * @param nlist IVF coarse lists (k-means cells). Default {@value #DEFAULT_NLIST}.
 * @param nprobe IVF lists scanned per query unless the request says otherwise. Default {@value #DEFAULT_NPROBE}.
 * @param trainingSize live vectors at which the codebooks (and IVF centroids) are trained, once, on exactly those
 *     vectors. Default {@value #DEFAULT_TRAINING_SIZE}.
 */
public record QuantizationOptions(int pqSubspaces, int nlist, int nprobe, int trainingSize) {
    public static final int DEFAULT_NLIST = 256;
    public static final int DEFAULT_NPROBE = 16;
    public static final int DEFAULT_TRAINING_SIZE = 10_000;
    public static final int MAX_NLIST = 65_536;

    public static final QuantizationOptions DEFAULTS = new QuantizationOptions(0, 0, 0, 0);

    public QuantizationOptions {
        if (pqSubspaces < 0 || nlist < 0 || nprobe < 0 || trainingSize < 0) {
            throw new IllegalArgumentException("pq_m, nlist, nprobe and training_size must not be negative");
        }
        if (nlist > MAX_NLIST) {
            throw new IllegalArgumentException("nlist must be at most " + MAX_NLIST + ", got " + nlist);
        }
    }

    public boolean isDefault() {
        return equals(DEFAULTS);
    }

    int effectiveSubspaces(int dim) {
        return pqSubspaces > 0 ? pqSubspaces : Math.max(1, dim / 8);
    }

    int effectiveNlist() {
        return nlist > 0 ? nlist : DEFAULT_NLIST;
    }

    int effectiveNprobe() {
        return nprobe > 0 ? nprobe : DEFAULT_NPROBE;
    }

    int effectiveTrainingSize() {
        return trainingSize > 0 ? trainingSize : DEFAULT_TRAINING_SIZE;
    }

    QuantizationOptions withSubspaces(int v) {
        return new QuantizationOptions(v, nlist, nprobe, trainingSize);
    }

    QuantizationOptions withNlist(int v) {
        return new QuantizationOptions(pqSubspaces, v, nprobe, trainingSize);
    }

    QuantizationOptions withNprobe(int v) {
        return new QuantizationOptions(pqSubspaces, nlist, v, trainingSize);
    }

    QuantizationOptions withTrainingSize(int v) {
        return new QuantizationOptions(pqSubspaces, nlist, nprobe, v);
    }
}
