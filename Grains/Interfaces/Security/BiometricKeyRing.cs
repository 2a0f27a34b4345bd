using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace OrleansHall.Security;

/// <summary>
/// The biometric key-ring file every silo of a cluster reads (made and extended by <c>hallctl keys new</c> and
/// <c>hallctl keys add</c>): one key per line, <c>&lt;key id&gt; &lt;32 bytes in base64&gt;</c>, <c>#</c> starts a
/// comment; the last key seals, every key opens. A file of one bare base64 key (the format before key ids) is the
/// ring with that key alone, id <c>k1</c>. Written with owner-only access, atomically.
/// </summary>
public static class BiometricKeyRing
{
    /// <summary>The id a blob sealed before key ids is reported under; never the id of a key.</summary>
    public const string LegacyKeyId = "legacy";

    /// <summary>Writes a new ring of one fresh key (owner-only access). With <paramref name="ifMissing"/>, a file another process made first is kept.</summary>
    public static void CreateKeyFile(string path, bool ifMissing = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        WriteOwnerOnly(temporary, Text([(NewKeyId([]), RandomNumberGenerator.GetBytes(32))]));
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            if (!ifMissing)
            {
                throw new InvalidOperationException($"Biometric key file '{path}' already exists; add a key to it instead (hallctl keys add).");
            }
        }
    }

    /// <summary>Adds a fresh key to the ring file, which then seals with it; returns its id.</summary>
    public static string AddKey(string path)
    {
        var (_, _, keys) = Read(path);
        var id = NewKeyId(keys.Select(k => k.Id));
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        WriteOwnerOnly(temporary, Text([.. keys, (id, RandomNumberGenerator.GetBytes(32))]));
        File.Move(temporary, path, overwrite: true);
        return id;
    }

    /// <summary>The keys of a ring file, oldest first, with the file's write time and length (to notice changes).</summary>
    public static (DateTime WrittenAt, long Length, ImmutableArray<(string Id, byte[] Key)> Keys) Read(string path)
    {
        var file = new FileInfo(path);
        var keys = new List<(string, byte[])>();
        var lines = File.ReadAllLines(path).Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0).ToList();
        foreach (var line in lines)
        {
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var (id, base64) = parts.Length == 1 && lines.Count == 1 ? ("k1", parts[0]) : parts.Length == 2 ? (parts[0], parts[1]) : (null, null);
            byte[]? key = null;
            try
            {
                key = base64 is null ? null : Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
            }

            if (id is null || key is null)
            {
                throw new InvalidOperationException($"Biometric key file '{path}': line '{(line.Length > 12 ? line[..12] + "…" : line)}' is not '<key id> <32 bytes in base64>'.");
            }

            keys.Add((id, key));
        }

        return (file.LastWriteTimeUtc, file.Length, Validated([.. keys], $"biometric key file '{path}'"));
    }

    /// <summary>Checks a ring: 32-byte keys, plain distinct ids; throws naming <paramref name="what"/> otherwise.</summary>
    public static ImmutableArray<(string Id, byte[] Key)> Validated(ImmutableArray<(string Id, byte[] Key)> keys, string what)
    {
        if (keys.IsEmpty)
        {
            throw new InvalidOperationException($"{what} holds no key.");
        }

        foreach (var (id, key) in keys)
        {
            if (key.Length != 32)
            {
                throw new ArgumentException($"{what}: key '{id}' is {key.Length} bytes; AES-256 needs 32.");
            }

            if (id.Length is 0 or > 32 || id == LegacyKeyId || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new ArgumentException($"{what}: key id '{id}' must be 1-32 ASCII letters, digits, '-' or '_' (and not '{LegacyKeyId}').");
            }
        }

        if (keys.Select(k => k.Id).Distinct().Count() != keys.Length)
        {
            throw new ArgumentException($"{what} names a key id twice.");
        }

        return keys;
    }

    /// <summary>k1, k2, ...: one more than the highest, so an id once used (and perhaps retired) never names another key.</summary>
    private static string NewKeyId(IEnumerable<string> existing)
        => $"k{existing.Select(id => id.Length > 1 && id[0] == 'k' && int.TryParse(id[1..], out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1}";

    private static string Text(IEnumerable<(string Id, byte[] Key)> keys)
        => "# OrleansHall biometric key ring: '<key id> <key>'; the last key seals, every key opens. Never in the database.\n"
           + string.Concat(keys.Select(k => $"{k.Id} {Convert.ToBase64String(k.Key)}\n"));

    private static void WriteOwnerOnly(string path, string text)
    {
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(Encoding.UTF8.GetBytes(text));
        }
    }
}
