namespace OrleansHall.Common;

/// <summary>
/// Grain keys. Halls, customers, staff and regions use plain ids ("zhenhai"); cameras and devices
/// live inside a hall and are keyed "hall/device" ("zhenhai/cam-entrance").
/// </summary>
public static class Keys
{
    /// <summary>The event log's stream of a hall's certificate-free audit ("audit:zhenhai").</summary>
    public const string AuditPrefix = "audit:";

    /// <summary>The event log's stream of a customer's consent changes ("customer:3302010001").</summary>
    public const string CustomerPrefix = "customer:";

    /// <summary>The event log's stream of a region's gallery audit ("region:ningbo").</summary>
    public const string RegionPrefix = "region:";

    /// <summary>
    /// The event log files a hall's events under its id and the streams above under their prefixes, so a hall whose
    /// id started with one would write into, and read, another stream: such ids are refused.
    /// </summary>
    public static readonly IReadOnlyList<string> ReservedHallPrefixes = [AuditPrefix, CustomerPrefix, RegionPrefix];

    /// <summary>The reserved prefix <paramref name="id"/> starts with (any case), or null.</summary>
    public static string? ReservedPrefixOf(string id)
        => ReservedHallPrefixes.FirstOrDefault(prefix => id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>As <see cref="Validate"/>, and not starting with a prefix the event log keeps for its own streams.</summary>
    public static void ValidateHallId(string? id)
    {
        Validate(id, "hall id");
        if (ReservedPrefixOf(id!) is { } reserved)
        {
            throw new RejectedRequestException($"Invalid hall id '{Printable(id)}': ids starting with '{reserved}' are reserved for the event log's own streams.");
        }
    }

    public static string Scoped(string hallId, string localId)
    {
        Validate(hallId, "hall id");
        Validate(localId, "device id");
        return Join(hallId, localId);
    }

    /// <summary>
    /// The key as given, unchecked: for a device agent passing on what a device sent, so the grain refuses a bad id with
    /// its reason (and the agent counts the refusal) instead of the agent failing before it asks.
    /// </summary>
    public static string Join(string hallId, string localId) => $"{hallId}/{localId}";

    public static (string HallId, string LocalId) Split(string scopedKey)
    {
        var slash = scopedKey.IndexOf('/');
        if (slash <= 0 || slash == scopedKey.Length - 1)
        {
            throw new RejectedRequestException($"Key '{scopedKey}' is not of the form 'hall/device'.");
        }

        return (scopedKey[..slash], scopedKey[(slash + 1)..]);
    }

    /// <summary>
    /// Ids are short and plain (letters, digits and <c>- _ . : @</c>), so they are safe in keys, URLs, logs and
    /// database text: no spaces, '/', control or format characters (right-to-left marks), or lone surrogates.
    /// </summary>
    public static void Validate(string? id, string what)
    {
        if (!IsValid(id))
        {
            throw new RejectedRequestException(
                $"Invalid {what} '{Printable(id)}': expected 1-64 letters, digits or '-', '_', '.', ':', '@'.");
        }
    }

    public static bool IsValid(string? id)
        => !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => c is '-' or '_' or '.' or ':' or '@' || (char.IsLetterOrDigit(c) && !char.IsSurrogate(c)));

    /// <summary>A grain's key: one valid id, or two joined by '/' for what lives inside a hall.</summary>
    public static bool IsValidGrainKey(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? IsValid(key) : IsValid(key[..slash]) && IsValid(key[(slash + 1)..]);
    }

    /// <summary>An id for an error message: at most 64 characters, anything unprintable shown as its code.</summary>
    public static string Printable(string? id)
    {
        if (id is null)
        {
            return "(none)";
        }

        var shown = id.Length > 64 ? id[..64] : id;
        var text = string.Concat(shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format
            ? $"\\u{(int)c:X4}"
            : c.ToString()));
        return id.Length > 64 ? $"{text}… ({id.Length} characters)" : text;
    }
}
