using System.Buffers.Binary;
using System.Text;

namespace OrleansHall.Vision.Models;

/// <summary>
/// One table of a FlatBuffers file (the TFLite model format), read in place: a field is found through the table's
/// vtable, scalars are little-endian, references (tables, vectors, strings) are unsigned offsets from where they are
/// stored. Only what <see cref="TfliteToOnnx"/> needs; a malformed file throws <see cref="InvalidDataException"/>.
/// </summary>
internal readonly struct FlatBufferTable
{
    private readonly byte[] _bytes;
    private readonly int _position;
    private readonly int _vtable;
    private readonly int _vtableLength;

    private FlatBufferTable(byte[] bytes, int position)
    {
        _bytes = bytes;
        _position = position;
        _vtable = position - Int32(bytes, position);
        _vtableLength = UInt16(bytes, _vtable);
    }

    /// <summary>The root table of a file whose 4-character identifier (bytes 4-7) must be <paramref name="identifier"/>.</summary>
    public static FlatBufferTable Root(byte[] bytes, string identifier)
    {
        if (bytes.Length < 8 || Encoding.ASCII.GetString(bytes, 4, 4) != identifier)
        {
            throw new InvalidDataException($"Not a FlatBuffers file with identifier '{identifier}'.");
        }

        return new FlatBufferTable(bytes, checked((int)UInt32(bytes, 0)));
    }

    public T Scalar<T>(int field, T fallback) where T : unmanaged
    {
        var offset = FieldOffset(field);
        if (offset == 0)
        {
            return fallback;
        }

        var at = _position + offset;
        Check(at, System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        return System.Runtime.InteropServices.MemoryMarshal.Read<T>(_bytes.AsSpan(at));
    }

    public FlatBufferTable? Table(int field) => Reference(field) is { } at ? new FlatBufferTable(_bytes, at) : null;

    public IReadOnlyList<FlatBufferTable> Tables(int field)
    {
        var (start, count) = Vector(field, 4);
        var tables = new FlatBufferTable[count];
        for (var i = 0; i < count; i++)
        {
            var element = start + (4 * i);
            tables[i] = new FlatBufferTable(_bytes, checked(element + (int)UInt32(_bytes, element)));
        }

        return tables;
    }

    public int[] Ints(int field)
    {
        var (start, count) = Vector(field, 4);
        var values = new int[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = Int32(_bytes, start + (4 * i));
        }

        return values;
    }

    public ReadOnlyMemory<byte> Bytes(int field)
    {
        var (start, count) = Vector(field, 1);
        return _bytes.AsMemory(start, count);
    }

    public string String(int field)
    {
        var (start, count) = Vector(field, 1);
        return Encoding.UTF8.GetString(_bytes, start, count);
    }

    private int FieldOffset(int field)
    {
        var slot = 4 + (2 * field);
        return slot < _vtableLength ? UInt16(_bytes, _vtable + slot) : 0;
    }

    private int? Reference(int field)
    {
        var offset = FieldOffset(field);
        if (offset == 0)
        {
            return null;
        }

        var at = _position + offset;
        return checked(at + (int)UInt32(_bytes, at));
    }

    private (int Start, int Count) Vector(int field, int elementSize)
    {
        if (Reference(field) is not { } at)
        {
            return (0, 0);
        }

        var count = checked((int)UInt32(_bytes, at));
        Check(at + 4, checked(count * elementSize));
        return (at + 4, count);
    }

    private void Check(int at, int length)
    {
        if (at < 0 || length < 0 || at > _bytes.Length - length)
        {
            throw new InvalidDataException($"FlatBuffers reference to {length} bytes at {at} is outside the {_bytes.Length}-byte file.");
        }
    }

    private static int Int32(byte[] b, int at) => at >= 0 && at <= b.Length - 4
        ? BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(at))
        : throw new InvalidDataException($"FlatBuffers offset {at} is outside the {b.Length}-byte file.");

    private static uint UInt32(byte[] b, int at) => (uint)Int32(b, at);

    private static ushort UInt16(byte[] b, int at) => at >= 0 && at <= b.Length - 2
        ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at))
        : throw new InvalidDataException($"FlatBuffers offset {at} is outside the {b.Length}-byte file.");
}
