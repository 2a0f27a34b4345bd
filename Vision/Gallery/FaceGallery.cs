using System.Numerics.Tensors;

namespace OrleansHall.Vision.Gallery;

/// <summary>
/// In-memory 1:N face gallery: unit-length embeddings in one contiguous block, searched with SIMD dot products.
/// Thread-safe; searches run in parallel with each other, enrolments are exclusive.
/// </summary>
public sealed class FaceGallery
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, int> _rowById = new(StringComparer.Ordinal);
    private readonly List<string> _idByRow = [];
    private float[] _vectors;

    /// <summary>
    /// Cosine similarity from which two fr_feature embeddings are taken as the same person. Measured on the sample
    /// photos: genuine pairs (mirrored, half-size, JPEG q40, +/-30 % brightness) score 0.76 or more; the closest
    /// two different people, a look-alike pair, score up to 0.63, every other pair 0.40 or less. A false match
    /// can unlock someone else's documents, so the threshold sits nearer the genuine side.
    /// </summary>
    public const float RecommendedThreshold = 0.7f;

    public FaceGallery(int dimension = 512, int initialCapacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        Dimension = dimension;
        _vectors = new float[dimension * initialCapacity];
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
                _idByRow[row] = _idByRow[last];
                _rowById[_idByRow[row]] = row;
            }

            _vectors.AsSpan(last * Dimension, Dimension).Clear();
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
        var best = new List<GalleryMatch>(topK + 1);
        _lock.EnterReadLock();
        try
        {
            for (var row = 0; row < _idByRow.Count; row++)
            {
                var similarity = TensorPrimitives.Dot(query, _vectors.AsSpan(row * Dimension, Dimension));
                if (similarity < threshold || (best.Count == topK && similarity <= best[^1].Similarity))
                {
                    continue;
                }

                var at = best.FindIndex(m => m.Similarity < similarity);
                best.Insert(at < 0 ? best.Count : at, new GalleryMatch(_idByRow[row], similarity));
                if (best.Count > topK)
                {
                    best.RemoveAt(best.Count - 1);
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return best;
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

        Array.Resize(ref _vectors, Math.Max(rows, _vectors.Length / Dimension * 2) * Dimension);
    }
}
