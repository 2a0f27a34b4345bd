using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using OrleansHall.Security;

namespace OrleansHall.Grains.Gallery;

/// <summary>
/// Seals biometric data with AES-256-GCM before it reaches the database, under a ring of keys kept in a file outside
/// it (ORLEANSHALL_BIOMETRIC_KEY_FILE, or .data/biometric.key beside a development checkout). Every silo of a cluster
/// reads the same file. The last key of the ring seals; every key in it opens, so a new key can be added, everything
/// re-sealed under it (<c>hallctl keys rotate</c>), and only then the old key removed. A sealed blob names its key and
/// is bound to what it belongs to (its context, e.g. "identity/3302010001", is authenticated with it), so a blob
/// copied onto another customer or region does not open. The file is read again when it changes.
/// </summary>
/// <remarks>
/// The ring file's format is <see cref="BiometricKeyRing"/>'s. Blob format: "OHB2", key-id length (1 byte), key id (ASCII), nonce (12), tag (16), ciphertext. A blob without the
/// prefix was sealed before key ids and contexts: it opens with any key of the ring, without a context.
/// </remarks>
public sealed class BiometricVault
{
    public const string LegacyKeyId = BiometricKeyRing.LegacyKeyId;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Magic = "OHB2"u8.ToArray();

    private readonly string? _file;
    private readonly Lock _gate = new();
    private (DateTime WrittenAt, long Length, ImmutableArray<(string Id, byte[] Key)> Keys) _ring;

    /// <summary>A vault over the given keys; the last seals.</summary>
    public BiometricVault(IEnumerable<(string Id, byte[] Key)> keys)
    {
        _ring = (default, -1, BiometricKeyRing.Validated([.. keys], "the keys given"));
    }

    /// <summary>A vault of one key, id <c>k1</c>.</summary>
    public BiometricVault(byte[] key)
        : this([("k1", key)])
    {
    }

    private BiometricVault(string file)
    {
        _file = file;
        _ring = BiometricKeyRing.Read(file);
    }

    /// <summary>The id of the key that seals now.</summary>
    public string CurrentKeyId => Ring()[^1].Id;

    /// <summary>
    /// The vault of a key-ring file. A missing file is created with one fresh key only when <paramref name="mayCreate"/>
    /// (a development checkout's default path); otherwise it is an error, so silos of one cluster never seal with
    /// keys of their own. Creation is atomic: silos starting together end up with the same file.
    /// </summary>
    public static BiometricVault FromKeyFile(string path, bool mayCreate)
    {
        if (!File.Exists(path))
        {
            if (!mayCreate)
            {
                throw new InvalidOperationException(
                    $"Biometric key file '{path}' does not exist. Make it once (hallctl keys new --file {path}) and give every silo of the cluster the same file.");
            }

            BiometricKeyRing.CreateKeyFile(path, ifMissing: true);
        }

        return new BiometricVault(path);
    }

    /// <summary>The id of the key a blob was sealed under (<see cref="LegacyKeyId"/> for one sealed before key ids).</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> sealedBytes)
        => sealedBytes.StartsWith(Magic) && sealedBytes.Length > Magic.Length && sealedBytes.Length >= Magic.Length + 1 + sealedBytes[Magic.Length]
            ? Encoding.ASCII.GetString(sealedBytes.Slice(Magic.Length + 1, sealedBytes[Magic.Length]))
            : LegacyKeyId;

    /// <summary>Seals under the current key, bound to <paramref name="context"/>.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, string context)
    {
        var (id, key) = Ring()[^1];
        var keyId = Encoding.ASCII.GetBytes(id);
        var header = Magic.Length + 1 + keyId.Length;
        var sealedBytes = new byte[header + NonceBytes + TagBytes + plaintext.Length];
        Magic.CopyTo(sealedBytes, 0);
        sealedBytes[Magic.Length] = (byte)keyId.Length;
        keyId.CopyTo(sealedBytes, Magic.Length + 1);
        var nonce = sealedBytes.AsSpan(header, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(header + NonceBytes + TagBytes), sealedBytes.AsSpan(header + NonceBytes, TagBytes), Associated(context));
        return sealedBytes;
    }

    /// <summary>
    /// Opens what <see cref="Seal"/> made for the same <paramref name="context"/>; throws <see cref="CryptographicException"/>
    /// for a key the ring does not hold, another context, or tampering.
    /// </summary>
    public byte[] Open(ReadOnlySpan<byte> sealedBytes, string context)
    {
        var ring = Ring();
        var id = KeyIdOf(sealedBytes);
        if (id == LegacyKeyId)
        {
            // Sealed before key ids: try each key, without a context.
            foreach (var (_, legacyKey) in ring.Reverse())
            {
                if (TryOpen(sealedBytes, legacyKey, null, out var legacy))
                {
                    return legacy;
                }
            }

            throw new CryptographicException($"Sealed biometric data of {sealedBytes.Length} bytes opens with none of the ring's keys ({string.Join(", ", ring.Select(k => k.Id))}).");
        }

        var key = ring.FirstOrDefault(k => k.Id == id).Key
            ?? throw new CryptographicException($"Sealed biometric data names key '{id}', which the key ring ({string.Join(", ", ring.Select(k => k.Id))}) does not hold.");
        var header = Magic.Length + 1 + id.Length;
        return TryOpen(sealedBytes[header..], key, context, out var plaintext)
            ? plaintext
            : throw new CryptographicException($"Sealed biometric data under key '{id}' does not open for '{context}': altered, or copied from elsewhere.");
    }

    private static bool TryOpen(ReadOnlySpan<byte> body, byte[] key, string? context, out byte[] plaintext)
    {
        plaintext = [];
        if (body.Length < NonceBytes + TagBytes)
        {
            return false;
        }

        var opened = new byte[body.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(body[..NonceBytes], body[(NonceBytes + TagBytes)..], body.Slice(NonceBytes, TagBytes), opened, context is null ? default : Associated(context));
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        plaintext = opened;
        return true;
    }

    private static byte[] Associated(string context) => Encoding.UTF8.GetBytes($"orleanshall-biometric|{context}");

    private ImmutableArray<(string Id, byte[] Key)> Ring()
    {
        if (_file is null)
        {
            return _ring.Keys;
        }

        var file = new FileInfo(_file);
        lock (_gate)
        {
            if (file.Exists && (file.LastWriteTimeUtc != _ring.WrittenAt || file.Length != _ring.Length))
            {
                _ring = BiometricKeyRing.Read(_file);
            }

            return _ring.Keys;
        }
    }

}
