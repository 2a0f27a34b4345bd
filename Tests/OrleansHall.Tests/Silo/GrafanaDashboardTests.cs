using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansHall.Tests.Silo;

/// <summary>The Grafana dashboard in deploy/ reads only metrics the code exports, by their Prometheus names.</summary>
public sealed partial class GrafanaDashboardTests
{
    [Fact]
    public void Every_metric_the_dashboard_reads_is_an_instrument_of_the_code_and_every_instrument_has_a_panel()
    {
        var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "deploy", "grafana", "orleanshall-dashboard.json")));
        var read = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .SelectMany(t => PrometheusName().Matches(t.GetProperty("expr").GetString()!).Select(m => m.Groups["base"].Value))
            .ToHashSet();
        // Instruments as created in the code ("orleanshall.events.batch_size"), in Prometheus' spelling.
        var instruments = Directory.EnumerateFiles(Path.Combine(Repository.Root, "Grains"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => Instrument().Matches(File.ReadAllText(path)).Select(m => m.Groups["name"].Value.Replace('.', '_')))
            .ToHashSet();

        Assert.NotEmpty(instruments);
        Assert.Empty(read.Except(instruments));
        Assert.Empty(instruments.Except(read));
    }

    [GeneratedRegex(@"\b(?<base>orleanshall_[a-z_]+?)(?:_total|_sum|_count|_bucket)?\b")]
    private static partial Regex PrometheusName();

    [GeneratedRegex(@"Create(?:Counter|Histogram|UpDownCounter|Gauge)<\w+>\(\s*""(?<name>orleanshall\.[a-z_.]+)""")]
    private static partial Regex Instrument();
}
