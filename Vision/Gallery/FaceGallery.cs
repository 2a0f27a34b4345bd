using System.Numerics.Tensors;

namespace OrleansHall.Vision.Gallery;

/// <summary>
/// In-memory 1:N face gallery: unit-length embeddings in one contiguous block, searched with SIMD dot products.
/// Large galleries are first narrowed with compact codes, then the best candidates are re-scored with the exact
/// float vectors: for thresholds of at least <see cref="HashThreshold"/> with 512-bit SimHash codes (64 bytes a face;
/// a true match at 0.5 sits five standard deviations inside the 256-candidate cut-off among 100 000 random faces),
/// below it with 8-bit codes, split over two cores from <see cref="ParallelFrom"/> entries.
/// Thread-safe; searches run in parallel with each other, enrolments are exclusive.
/// </summary>
public sealed class FaceGallery
{
    /// <summary>From this many entries searches use the 8-bit first pass; below it every row is scored exactly.</summary>
    public const int CoarseFrom = 4096;

    /// <summary>From this many entries the first pass is split over two threads.</summary>
    public const int ParallelFrom = 32_768;

    // Worst-case error of a code dot product for 512-d unit vectors is about 0.04 (typically 0.002), so a row
    // whose code score is this far below the threshold cannot reach it.
    private const float CoarseMargin = 0.05f;
    private const int MinCandidates = 64;
    private const int HashBits = 512;
    private const int HashCandidates = 256;

    /// <summary>Searches with at least this threshold use the SimHash first pass.</summary>
    public const float HashThreshold = 0.5f;

    // One scratch buffer of Hamming distances per thread: searches run concurrently under the read lock.
    [ThreadStatic]
    private static int[]? t_distances;

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, int> _rowById = new(StringComparer.Ordinal);
    private readonly List<string> _idByRow = [];
    private float[] _vectors;
    private sbyte[] _codes;
    private float[] _codeFactors;
    private readonly SimHash _hash;
    private ulong[] _hashes;

    /// <summary>
    /// Cosine similarity from which two fr_feature embeddings are taken as the same person. Measured on the sample
    /// photos: altered copies of a face (mirrored, half-size, JPEG q40, +/-30 % brightness) score 0.76 or more; the
    /// one woman who appears in two different photos scores about 0.61 across them; two different women score 0.40
    /// or less (all 230 pairs). The threshold sits between the cross-photo genuine score and the highest impostor.
    /// </summary>
    public const float RecommendedThreshold = 0.5f;

    public FaceGallery(int dimension = 512, int initialCapacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        Dimension = dimension;
        _vectors = new float[dimension * initialCapacity];
        _codes = new sbyte[dimension * initialCapacity];
        _codeFactors = new float[initialCapacity];
        _hash = new SimHash(dimension, HashBits);
        _hashes = new ulong[_hash.Words * initialCapacity];
    }

    public int Dimension { get; }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _idByRow.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Adds or replaces the template for <paramref name="id"/>; the embedding is normalised on the way in.</summary>
    public void Enroll(string id, ReadOnlySpan<float> embedding)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var normalised = Normalise(embedding);
        _lock.EnterWriteLock();
        try
        {
            if (!_rowById.TryGetValue(id, out var row))
            {
                row = _idByRow.Count;
                EnsureCapacity(row + 1);
                _rowById[id] = row;
                _idByRow.Add(id);
            }

            normalised.CopyTo(_vectors.AsSpan(row * Dimension, Dimension));
            _codeFactors[row] = Int8Codes.Encode(normalised, _codes.AsSpan(row * Dimension, Dimension));
            _hash.Encode(normalised, _hashes.AsSpan(row * _hash.Words, _hash.Words));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Forgets a template (consent withdrawn, customer deleted). Returns false if it was not enrolled.</summary>
    public bool Remove(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _lock.EnterWriteLock();
        try
        {
            if (!_rowById.Remove(id, out var row))
            {
                return false;
            }

            // Move the last row into the hole so the block stays dense.
            var last = _idByRow.Count - 1;
            if (row != last)
            {
                _vectors.AsSpan(last * Dimension, Dimension).CopyTo(_vectors.AsSpan(row * Dimension, Dimension));
                _codes.AsSpan(last * Dimension, Dimension).CopyTo(_codes.AsSpan(row * Dimension, Dimension));
                _codeFactors[row] = _codeFactors[last];
                _hashes.AsSpan(last * _hash.Words, _hash.Words).CopyTo(_hashes.AsSpan(row * _hash.Words, _hash.Words));
                _idByRow[row] = _idByRow[last];
                _rowById[_idByRow[row]] = row;
            }

            _vectors.AsSpan(last * Dimension, Dimension).Clear();
            _codes.AsSpan(last * Dimension, Dimension).Clear();
            _idByRow.RemoveAt(last);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Contains(string id)
    {
        _lock.EnterReadLock();
        try
        {
            return _rowById.ContainsKey(id);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The best <paramref name="topK"/> identities whose similarity to the probe is at least
    /// <paramref name="threshold"/>, most similar first. Empty when nobody is similar enough.
    /// </summary>
    public IReadOnlyList<GalleryMatch> Search(ReadOnlySpan<float> probe, int topK = 1, float threshold = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        var query = Normalise(probe);
        _lock.EnterReadLock();
        try
        {
            var count = _idByRow.Count;
            if (count < CoarseFrom)
            {
                return Exact(query, 0, count, topK, threshold);
            }

            var rows = threshold >= HashThreshold && count > HashCandidates
                ? HashCandidatesFor(query, count, Math.Max(HashCandidates, topK * 32))
                : CoarseCandidates(query, count, Math.Max(MinCandidates, topK * 8), threshold - CoarseMargin);
            var best = new List<GalleryMatch>(topK + 1);
            foreach (var row in rows)
            {
                Offer(best, row, TensorPrimitives.Dot(query, _vectors.AsSpan(row * Dimension, Dimension)), topK, threshold);
            }

            return best;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private List<GalleryMatch> Exact(float[] query, int from, int to, int topK, float threshold)
    {
        var best = new List<GalleryMatch>(topK + 1);
        for (var row = from; row < to; row++)
        {
            Offer(best, row, TensorPrimitives.Dot(query, _vectors.AsSpan(row * Dimension, Dimension)), topK, threshold);
        }

        return best;
    }

    private void Offer(List<GalleryMatch> best, int row, float similarity, int topK, float threshold)
    {
        if (similarity < threshold || (best.Count == topK && similarity <= best[^1].Similarity))
        {
            return;
        }

        var at = best.FindIndex(m => m.Similarity < similarity);
        best.Insert(at < 0 ? best.Count : at, new GalleryMatch(_idByRow[row], similarity));
        if (best.Count > topK)
        {
            best.RemoveAt(best.Count - 1);
        }
    }

    // The `keep` rows nearest by Hamming distance (ties at the cut-off included); callers hold the read lock.
    private List<int> HashCandidatesFor(float[] query, int count, int keep)
    {
        var words = _hash.Words;
        Span<ulong> code = stackalloc ulong[words];
        _hash.Encode(query, code);
        var distances = count <= 4096 ? new int[count] : Rent(count);
        Span<int> histogram = stackalloc int[(words * 64) + 1];
        histogram.Clear();
        var hashes = _hashes.AsSpan();
        for (var row = 0; row < count; row++)
        {
            var d = SimHash.Distance(code, hashes.Slice(row * words, words));
            distances[row] = d;
            histogram[d]++;
        }

        var cutoff = 0;
        for (var seen = 0; cutoff < histogram.Length - 1 && (seen += histogram[cutoff]) < keep; cutoff++)
        {
        }

        var rows = new List<int>(keep + 64);
        for (var row = 0; row < count; row++)
        {
            if (distances[row] <= cutoff)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private static int[] Rent(int count)
    {
        var buffer = t_distances;
        if (buffer is null || buffer.Length < count)
        {
            t_distances = buffer = new int[count];
        }

        return buffer;
    }

    // Rows whose 8-bit score is among the best `keep` and at least `floor`; callers hold the read lock.
    private IEnumerable<int> CoarseCandidates(float[] query, int count, int keep, float floor)
    {
        var codes = new sbyte[Dimension];
        var wide = new short[Dimension];
        var queryFactor = Int8Codes.Encode(query, codes);
        Int8Codes.Widen(codes, wide);
        if (count < ParallelFrom)
        {
            var all = new Candidates(keep);
            Scan(wide, queryFactor, 0, count, floor, all);
            return all.Rows;
        }

        var half = count / 2;
        var first = new Candidates(keep);
        var second = new Candidates(keep);
        var other = Task.Run(() => Scan(wide, queryFactor, half, count, floor, second));
        Scan(wide, queryFactor, 0, half, floor, first);
        other.GetAwaiter().GetResult();
        return first.Rows.Concat(second.Rows);
    }

    private void Scan(short[] query, float queryFactor, int from, int to, float floor, Candidates best)
    {
        var codes = _codes.AsSpan();
        var factors = _codeFactors;
        var dimension = Dimension;
        for (var row = from; row < to; row++)
        {
            var score = Int8Codes.Dot(codes.Slice(row * dimension, dimension), query) * factors[row] * queryFactor;
            if (score >= floor)
            {
                best.Offer(row, score);
            }
        }
    }

    private float[] Normalise(ReadOnlySpan<float> embedding)
    {
        if (embedding.Length != Dimension)
        {
            throw new ArgumentException($"Embedding has {embedding.Length} values; expected {Dimension}.", nameof(embedding));
        }

        var norm = TensorPrimitives.Norm(embedding);
        if (!float.IsFinite(norm) || norm < 1e-6f)
        {
            throw new ArgumentException($"Embedding norm is {norm}; expected a finite, non-zero vector.", nameof(embedding));
        }

        var result = new float[Dimension];
        TensorPrimitives.Divide(embedding, norm, result);
        return result;
    }

    private void EnsureCapacity(int rows)
    {
        if (rows * Dimension <= _vectors.Length)
        {
            return;
        }

        var capacity = Math.Max(rows, _vectors.Length / Dimension * 2);
        Array.Resize(ref _vectors, capacity * Dimension);
        Array.Resize(ref _codes, capacity * Dimension);
        Array.Resize(ref _codeFactors, capacity);
        Array.Resize(ref _hashes, capacity * _hash.Words);
    }
}
