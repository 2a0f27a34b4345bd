using System.Text.RegularExpressions;

namespace OrleansHall.Tests.Grains;

/// <summary>
/// Grains/ has one folder per concept. A folder may use another's types, but never back again: a cycle means a helper
/// lives with the wrong owner (it belongs in Common/, or with the concept that owns it).
/// </summary>
public sealed partial class GrainFolderTests
{
    [Fact]
    public void No_folder_inside_Grains_uses_a_folder_that_uses_it_in_turn()
    {
        var root = Path.Combine(Repository.Root, "Grains");
        var files = Directory.GetDirectories(root)
            .Select(Path.GetFileName)
            .Where(folder => folder is not ("Interfaces" or "bin" or "obj"))
            .SelectMany(folder => Directory.GetFiles(Path.Combine(root, folder!), "*.cs", SearchOption.AllDirectories)
                .Select(file => (Folder: folder!, Code: Comment().Replace(File.ReadAllText(file), ""))))
            .ToList();
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (folder, code) in files)
        {
            foreach (Match declared in TopLevelType().Matches(code))
            {
                owner.TryAdd(declared.Groups[1].Value, folder);
            }
        }

        var uses = files.GroupBy(f => f.Folder).ToDictionary(
            g => g.Key,
            g => g.SelectMany(f => Word().Matches(f.Code).Select(w => owner.GetValueOrDefault(w.Value))).OfType<string>().Where(o => o != g.Key).ToHashSet());

        var cycles = uses.Keys
            .SelectMany(a => Reachable(uses, a).Where(b => string.CompareOrdinal(a, b) < 0 && Reachable(uses, b).Contains(a)).Select(b => $"{a} <-> {b}"))
            .ToList();

        Assert.True(owner.Count > 50, $"found only {owner.Count} grain-side types under {root}");
        Assert.True(cycles.Count == 0, $"folders inside Grains/ that use each other: {string.Join("; ", cycles)}");
    }

    private static HashSet<string> Reachable(Dictionary<string, HashSet<string>> uses, string from)
    {
        var seen = new HashSet<string>();
        var next = new Stack<string>(uses.GetValueOrDefault(from) ?? []);
        while (next.TryPop(out var folder))
        {
            if (seen.Add(folder))
            {
                foreach (var used in uses.GetValueOrDefault(folder) ?? [])
                {
                    next.Push(used);
                }
            }
        }

        return seen;
    }

    [GeneratedRegex(@"^(?:public |internal )?(?:static |sealed |abstract |partial |readonly )*(?:class|record|struct|interface|enum) ([A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Word();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();
}
