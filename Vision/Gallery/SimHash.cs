using System.Numerics;
using System.Numerics.Tensors;

namespace OrleansHall.Vision.Gallery;

/// <summary>
/// Sign-of-random-projection codes (SimHash): the share of differing bits of two codes estimates the angle between
/// their vectors (bits differ with probability angle/π). 512 bits are 64 bytes a face, so a 100 000-face gallery's
/// codes fit in cache and are compared with popcount in well under a millisecond.
/// </summary>
internal sealed class SimHash
{
    private readonly float[] _planes;

    public SimHash(int dimension, int bits, int seed = 20261128)
    {
        if (bits % 64 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "Expected a multiple of 64 bits.");
        }

        Dimension = dimension;
        Words = bits / 64;
        _planes = new float[bits * dimension];
        var random = new Random(seed);
        for (var i = 0; i < _planes.Length; i++)
        {
            // Gaussian planes make the projection independent of how the embedding's values are distributed.
            _planes[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }
    }

    public int Dimension { get; }

    public int Words { get; }

    public void Encode(ReadOnlySpan<float> vector, Span<ulong> code)
    {
        code[..Words].Clear();
        for (var bit = 0; bit < Words * 64; bit++)
        {
            if (TensorPrimitives.Dot(vector, _planes.AsSpan(bit * Dimension, Dimension)) >= 0)
            {
                code[bit / 64] |= 1UL << (bit % 64);
            }
        }
    }

    public static int Distance(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length == 8 && b.Length == 8)
        {
            // The 512-bit case unrolled: it is the inner loop of every large-gallery search.
            return BitOperations.PopCount(a[0] ^ b[0]) + BitOperations.PopCount(a[1] ^ b[1])
                + BitOperations.PopCount(a[2] ^ b[2]) + BitOperations.PopCount(a[3] ^ b[3])
                + BitOperations.PopCount(a[4] ^ b[4]) + BitOperations.PopCount(a[5] ^ b[5])
                + BitOperations.PopCount(a[6] ^ b[6]) + BitOperations.PopCount(a[7] ^ b[7]);
        }

        var total = 0;
        for (var i = 0; i < a.Length; i++)
        {
            total += BitOperations.PopCount(a[i] ^ b[i]);
        }

        return total;
    }
}
