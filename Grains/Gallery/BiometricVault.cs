using System.Security.Cryptography;

namespace OrleansHall.Grains.Gallery;

/// <summary>
/// Seals biometric data with AES-256-GCM before it reaches the database. The key lives in a file outside the
/// database (ORLEANSHALL_BIOMETRIC_KEY_FILE, or .data/biometric.key beside a development checkout), so a copy
/// of the database alone reveals no face templates.
/// </summary>
public sealed class BiometricVault
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key;

    public BiometricVault(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException($"The biometric key must be 32 bytes (AES-256), got {key.Length}.", nameof(key));
        }

        _key = key;
    }

    /// <summary>Reads a key file (32 bytes, base64), creating one with a fresh random key and owner-only access if absent.</summary>
    public static BiometricVault FromKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        try
        {
            return new BiometricVault(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"Biometric key file '{path}' is not base64; expected 32 random bytes in base64.");
        }
    }

    /// <summary>nonce | tag | ciphertext.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext)
    {
        var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        return sealedBytes;
    }

    /// <summary>Opens what <see cref="Seal"/> made; throws <see cref="CryptographicException"/> for a wrong key or tampering.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedBytes)
    {
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException($"Sealed biometric data of {sealedBytes.Length} bytes is too short to be genuine.");
        }

        var plaintext = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(sealedBytes[..NonceBytes], sealedBytes[(NonceBytes + TagBytes)..], sealedBytes.Slice(NonceBytes, TagBytes), plaintext);
        return plaintext;
    }
}
