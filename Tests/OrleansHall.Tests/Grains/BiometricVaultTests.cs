using System.Security.Cryptography;
using System.Text;
using OrleansHall.Grains.Gallery;
using OrleansHall.Security;

namespace OrleansHall.Tests.Grains;

/// <summary>The biometric key ring on real files: key ids, binding to what a blob belongs to, rotation, creation races.</summary>
public sealed class BiometricVaultTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("{\"name\":\"王芳\",\"idNumber\":\"330203199001011236\"}");

    [Fact]
    public void A_sealed_blob_names_its_key_and_opens_only_for_what_it_was_sealed_for()
    {
        var vault = new BiometricVault(RandomNumberGenerator.GetBytes(32));
        var sealedBytes = vault.Seal(Secret, "identity/cust-1");

        Assert.Equal("k1", BiometricVault.KeyIdOf(sealedBytes));
        Assert.Equal(Secret, vault.Open(sealedBytes, "identity/cust-1"));
        // Copied onto another customer (whoever can write the database could do that) it does not open.
        var moved = Assert.ThrowsAny<CryptographicException>(() => vault.Open(sealedBytes, "identity/cust-2"));
        Assert.Contains("copied from elsewhere", moved.Message);
        sealedBytes[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => vault.Open(sealedBytes, "identity/cust-1"));
    }

    [Fact]
    public void A_blob_sealed_before_key_ids_still_opens_and_says_so()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        // The format before key ids: nonce | tag | ciphertext, no associated data.
        var legacy = new byte[12 + 16 + Secret.Length];
        RandomNumberGenerator.Fill(legacy.AsSpan(0, 12));
        using (var aes = new AesGcm(key, 16))
        {
            aes.Encrypt(legacy.AsSpan(0, 12), Secret, legacy.AsSpan(28), legacy.AsSpan(12, 16));
        }

        var vault = new BiometricVault([("k1", key), ("k2", RandomNumberGenerator.GetBytes(32))]);

        Assert.Equal(BiometricVault.LegacyKeyId, BiometricVault.KeyIdOf(legacy));
        Assert.Equal(Secret, vault.Open(legacy, "gallery/ningbo"));
        Assert.ThrowsAny<CryptographicException>(() => new BiometricVault(RandomNumberGenerator.GetBytes(32)).Open(legacy, "gallery/ningbo"));
    }

    [Fact]
    public void A_key_added_to_the_ring_file_seals_from_then_on_and_the_old_one_still_opens()
    {
        var path = NewPath();
        BiometricKeyRing.CreateKeyFile(path);
        var vault = BiometricVault.FromKeyFile(path, mayCreate: false);
        var underFirst = vault.Seal(Secret, "gallery/ningbo");

        var added = BiometricKeyRing.AddKey(path);
        var underSecond = vault.Seal(Secret, "gallery/ningbo");

        Assert.Equal(("k1", "k2", "k2"), (BiometricVault.KeyIdOf(underFirst), added, BiometricVault.KeyIdOf(underSecond)));
        Assert.Equal(Secret, vault.Open(underFirst, "gallery/ningbo"));
        Assert.Equal(Secret, vault.Open(underSecond, "gallery/ningbo"));
        // A silo still holding only the old ring names the key it lacks.
        var old = new BiometricVault([BiometricKeyRing.Read(path).Keys[0]]);
        Assert.Contains("'k2'", Assert.ThrowsAny<CryptographicException>(() => old.Open(underSecond, "gallery/ningbo")).Message);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task Silos_starting_together_on_a_development_checkout_end_up_with_one_key()
    {
        var path = NewPath();

        var vaults = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => BiometricVault.FromKeyFile(path, mayCreate: true))));

        var sealedBytes = vaults[0].Seal(Secret, "gallery/ningbo");
        Assert.All(vaults, v => Assert.Equal(Secret, v.Open(sealedBytes, "gallery/ningbo")));
        Assert.Single(BiometricKeyRing.Read(path).Keys);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void A_named_key_file_is_never_made_up_and_a_bad_one_is_named()
    {
        var missing = NewPath();
        var bad = NewPath();
        File.WriteAllText(bad, "k1 not-base64!\n");
        var old = NewPath();
        File.WriteAllText(old, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        Assert.Contains("hallctl keys new", Assert.Throws<InvalidOperationException>(() => BiometricVault.FromKeyFile(missing, mayCreate: false)).Message);
        Assert.False(File.Exists(missing));
        Assert.Contains("is not '<key id> <32 bytes in base64>'", Assert.Throws<InvalidOperationException>(() => BiometricVault.FromKeyFile(bad, mayCreate: false)).Message);
        Assert.Equal("k1", BiometricVault.FromKeyFile(old, mayCreate: false).CurrentKeyId);
        Assert.Throws<InvalidOperationException>(() => BiometricKeyRing.CreateKeyFile(old));
    }

    private static string NewPath() => Path.Combine(Directory.CreateTempSubdirectory("orleanshall-keys-").FullName, "biometric.keys");
}
