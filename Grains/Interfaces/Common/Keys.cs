namespace OrleansHall.Common;

/// <summary>
/// Grain keys. Halls, customers, staff and regions use plain ids ("zhenhai"); cameras and devices
/// live inside a hall and are keyed "hall/device" ("zhenhai/cam-entrance").
/// </summary>
public static class Keys
{
    public static string Scoped(string hallId, string localId)
    {
        Validate(hallId, "hall id");
        Validate(localId, "device id");
        return $"{hallId}/{localId}";
    }

    public static (string HallId, string LocalId) Split(string scopedKey)
    {
        var slash = scopedKey.IndexOf('/');
        if (slash <= 0 || slash == scopedKey.Length - 1)
        {
            throw new RejectedRequestException($"Key '{scopedKey}' is not of the form 'hall/device'.");
        }

        return (scopedKey[..slash], scopedKey[(slash + 1)..]);
    }

    /// <summary>Ids are short, printable and free of '/', so they can be used in keys and URLs.</summary>
    public static void Validate(string? id, string what)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || id.Contains('/') || id.Any(char.IsControl) || id.Any(char.IsWhiteSpace))
        {
            throw new RejectedRequestException(
                $"Invalid {what} '{id}': expected 1-64 characters without spaces or '/'.");
        }
    }
}
