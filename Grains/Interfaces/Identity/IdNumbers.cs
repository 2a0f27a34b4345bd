namespace OrleansHall.Identity;

/// <summary>
/// Resident identity card numbers (GB 11643): 17 digits and a check character (0-9 or X) computed by ISO 7064
/// MOD 11-2. Only masked forms are ever printed or logged.
/// </summary>
public static class IdNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Null when valid, else what is wrong (without repeating the number).</summary>
    public static string? Problem(string? number)
    {
        if (string.IsNullOrEmpty(number) || number.Length != 18)
        {
            return $"an ID number has 18 characters, this one has {number?.Length ?? 0}";
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(number[i]))
            {
                return $"character {i + 1} of the ID number is not a digit";
            }
        }

        var check = char.ToUpperInvariant(number[17]);
        var expected = CheckCharacter(number);
        return check == expected ? null : $"the ID number's check character is {check}, its first 17 digits give {expected}: the card was misread or mistyped";
    }

    /// <summary>The check character of the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>First 4 and last 2 characters, the rest starred: "3302************1X".</summary>
    public static string Mask(string? number)
        => number is null || number.Length < 8 ? "****" : $"{number[..4]}{new string('*', number.Length - 6)}{number[^2..]}";
}
