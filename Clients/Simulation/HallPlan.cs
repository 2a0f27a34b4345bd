using System.Collections.Immutable;

namespace OrleansHall.Clients.Simulation;

/// <summary>One hall the simulator opens: id, name, counters and how busy it is at its weekday peak.</summary>
public sealed record HallPlan(string HallId, string Name, ImmutableArray<string> Counters, double PeakPerHour, int Capacity)
{
    private static readonly (string Id, string Name)[] Known =
    [
        ("zhenhai", "镇海营业厅"),
        ("beilun", "北仑营业厅"),
        ("jiangbei", "江北营业厅"),
        ("haishu", "海曙营业厅"),
        ("yinzhou", "鄞州营业厅"),
        ("fenghua", "奉化营业厅"),
        ("yuyao", "余姚营业厅"),
        ("cixi", "慈溪营业厅"),
        ("ninghai", "宁海营业厅"),
        ("xiangshan", "象山营业厅"),
    ];

    public static ImmutableArray<string> Zones { get; } = ["entrance", "waiting", "self-service", "counters", "product-display"];

    public const string Sensor = "ir-door";
    public const string IdReader = "id-reader";
    public const string GuideScreen = "guide-screen";
    public static ImmutableArray<string> Kiosks { get; } = ["kiosk-1", "kiosk-2"];

    /// <summary>The first <paramref name="count"/> halls; busier, bigger halls first.</summary>
    public static ImmutableArray<HallPlan> Region(int count)
    {
        var halls = ImmutableArray.CreateBuilder<HallPlan>(count);
        for (var i = 0; i < count; i++)
        {
            var (id, name) = i < Known.Length ? Known[i] : ($"hall{i + 1:00}", $"第{i + 1}营业厅");
            var counters = i % 3 == 0 ? 4 : 3;
            halls.Add(new HallPlan(
                id,
                name,
                [.. Enumerable.Range(1, counters).Select(c => $"C{c}")],
                PeakPerHour: 16 + 3 * ((i * 7) % 5) + 8 * (counters - 3),
                Capacity: 60 + 20 * (counters - 3)));
        }

        return halls.MoveToImmutable();
    }

    public string ClerkId(string counter) => $"{HallId}-clerk-{counter.ToLowerInvariant()}";

    public string GuideId => $"{HallId}-guide";

    public string ManagerId => $"{HallId}-manager";

    public IEnumerable<string> DeviceIds => [Sensor, .. Kiosks, IdReader, GuideScreen];
}
