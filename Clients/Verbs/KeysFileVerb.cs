using System.CommandLine;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Vision;
using OrleansHall.Security;

namespace OrleansHall.Clients.Verbs;

/// <summary>
/// The biometric key-ring file, offline: <c>keys new</c> makes one (one fresh key), <c>keys add</c> appends a fresh key
/// that seals from then on. Every silo must be given the same file; <c>keys rotate</c> then re-seals what is stored.
/// </summary>
public sealed class KeysFileVerb(bool add) : OfflineVerb(
    add ? "keys add" : "keys new",
    [],
    add
        ? "Adds a fresh AES-256 key to a biometric key-ring file; the silos (which read the file again when it changes) seal with it from then on and still open what older keys sealed. Then run 'hallctl keys rotate', and remove the old key's line once it reports nothing left under it. Needs no cluster."
        : "Makes a biometric key-ring file with one fresh AES-256 key (mode 600), for ORLEANSHALL_BIOMETRIC_KEY_FILE; refuses to overwrite one. Give every silo of the cluster the same file. Needs no cluster.",
    add ? "hallctl keys add --file /etc/orleanshall/biometric.keys" : "hallctl keys new --file /etc/orleanshall/biometric.keys",
    [File])
{
    private static readonly Option<string> File = HallCtlOption.Value("--file", "FILE", "The key-ring file.", required: true);

    protected override Task<int> ExecuteAsync(ParseResult args, IReadOnlyList<string> operands, TextWriter output, CancellationToken stopping)
    {
        var path = Path.GetFullPath(args.GetRequiredValue(File));
        try
        {
            if (add)
            {
                if (!System.IO.File.Exists(path))
                {
                    throw new UsageException($"option '--file': '{path}' does not exist; make it with 'hallctl keys new'");
                }

                var id = BiometricKeyRing.AddKey(path);
                output.WriteLine($"added key {id} to {path}; it seals from now on. Next: hallctl keys rotate");
            }
            else
            {
                BiometricKeyRing.CreateKeyFile(path);
                output.WriteLine($"made {path} with key {BiometricKeyRing.Read(path).Keys[^1].Id}; give every silo this file (ORLEANSHALL_BIOMETRIC_KEY_FILE)");
            }
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException)
        {
            throw new VisionInputException(error.Message);
        }

        return Task.FromResult(ExitCodes.Ok);
    }
}
