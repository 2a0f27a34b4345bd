using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OrleansHall.Vision.Gallery;

/// <summary>
/// 8-bit codes of unit vectors for a fast first pass over a large gallery: each vector scaled so its largest
/// component is ±127. A quarter of the bytes of float32 means a quarter of the memory traffic, which is what
/// bounds a 1:N scan.
/// </summary>
internal static class Int8Codes
{
    /// <summary>Writes the codes of <paramref name="vector"/>; returns the factor that turns a code dot product back into a float one.</summary>
    public static float Encode(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var max = MathF.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(vector));
        if (max == 0)
        {
            codes.Clear();
            return 0f;
        }

        var scale = 127f / max;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * scale), -127f, 127f);
        }

        return 1f / scale;
    }

    /// <summary>Widens a query's codes once so every row costs one widening, not two.</summary>
    public static void Widen(ReadOnlySpan<sbyte> codes, Span<short> wide)
    {
        for (var i = 0; i < codes.Length; i++)
        {
            wide[i] = codes[i];
        }
    }

    /// <summary>Integer dot product of one row's codes with a widened query.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        var i = 0;
        var total = 0;
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(query);
        if (Avx512BW.IsSupported && row.Length >= 64)
        {
            var sum = Vector512<int>.Zero;
            for (; i <= row.Length - 64; i += 64)
            {
                var (lo, hi) = Vector512.Widen(Vector512.LoadUnsafe(ref r, (nuint)i));
                sum += Avx512BW.MultiplyAddAdjacent(lo, Vector512.LoadUnsafe(ref q, (nuint)i));
                sum += Avx512BW.MultiplyAddAdjacent(hi, Vector512.LoadUnsafe(ref q, (nuint)(i + 32)));
            }

            total = Vector512.Sum(sum);
        }
        else if (Avx2.IsSupported && row.Length >= 32)
        {
            var sum = Vector256<int>.Zero;
            for (; i <= row.Length - 32; i += 32)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref r, (nuint)i));
                sum += Avx2.MultiplyAddAdjacent(lo, Vector256.LoadUnsafe(ref q, (nuint)i));
                sum += Avx2.MultiplyAddAdjacent(hi, Vector256.LoadUnsafe(ref q, (nuint)(i + 16)));
            }

            total = Vector256.Sum(sum);
        }

        for (; i < row.Length; i++)
        {
            total += Unsafe.Add(ref r, i) * Unsafe.Add(ref q, i);
        }

        return total;
    }
}
