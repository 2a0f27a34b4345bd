using System.CommandLine;

namespace OrleansHall.Clients.Cli;

/// <summary>A photo named on the command line: it must exist and fit the size the cluster accepts.</summary>
public static class PhotoFile
{
    public static string Check(ParseResult args, Option<string> option, long maxBytes)
    {
        var path = args.GetRequiredValue(option);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new UsageException($"option '{option.Name}': '{path}' does not exist; expected a JPEG or PNG file");
        }

        if (file.Length == 0 || file.Length > maxBytes)
        {
            throw new UsageException($"option '{option.Name}': '{path}' is {file.Length} bytes; expected 1-{maxBytes} bytes");
        }

        return path;
    }

    public static Task<byte[]> ReadAsync(ParseResult args, Option<string> option, long maxBytes) => File.ReadAllBytesAsync(Check(args, option, maxBytes));
}
