using System.Text;

namespace OrleansHall.Grains.Events;

/// <summary>
/// Makes any .NET string storable as PostgreSQL text and jsonb: NUL and unpaired surrogates (which PostgreSQL
/// and UTF-8 cannot hold) become U+FFFD. Everything else, right-to-left marks included, is kept as sent.
/// </summary>
public static class LogText
{
    public const char Replacement = '\uFFFD';

    public static string Clean(string text)
    {
        if (!NeedsCleaning(text))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                clean.Append(Replacement);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(char.IsSurrogate(c) ? Replacement : c);
            }
        }

        return clean.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return true;
            }

            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else
                {
                    return true;
                }
            }
        }

        return false;
    }
}
