using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using OrleansHall.Device;
using OrleansHall.Hall;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>Device operations and maintenance of a hall: devices by health (offline, out of order, running low), use by hour and week.</summary>
public sealed partial class DevicesPage
{
    private HallSnapshot? _snapshot;
    private Dictionary<string, int[]> _hourly = [];
    private Dictionary<string, int> _week = [];

    private enum Health
    {
        Offline,
        Fault,
        Low,
        Ok,
    }

    [Inject]
    private AnalyticsService Analytics { get; set; } = default!;

    protected override IEnumerable<BreadcrumbItem> PageCrumbs() => [new(L["DevicesTitle"], null, disabled: true)];

    protected override async Task LoadAsync()
    {
        FollowHall(s => _snapshot = s);
        _snapshot = await Live.GetSnapshotAsync(HallId);
        await LoadUseAsync();
    }

    /// <summary>Today's uses per device and hour, and the last seven days' per device, from the rollups.</summary>
    private async Task LoadUseAsync()
    {
        var (today, _) = await Analytics.GetDayAsync(HallId, Analytics.Today);
        _hourly = [];
        foreach (var slot in today)
        {
            foreach (var use in slot.ByDevice.IsDefault ? [] : slot.ByDevice)
            {
                var hours = _hourly.TryGetValue(use.DeviceId, out var h) ? h : _hourly[use.DeviceId] = new int[24];
                hours[slot.Start.ToLocalTime().Hour] += use.Uses;
            }
        }

        _week = [];
        for (var d = 0; d < 7; d++)
        {
            var (slots, _) = d == 0 ? (today, null!) : await Analytics.GetDayAsync(HallId, Analytics.Today.AddDays(-d));
            foreach (var use in slots.SelectMany(s => s.ByDevice.IsDefault ? [] : s.ByDevice))
            {
                _week[use.DeviceId] = _week.GetValueOrDefault(use.DeviceId) + use.Uses;
            }
        }
    }

    private IEnumerable<(DeviceStatus Device, Health Health)> Ordered()
        => (_snapshot?.Devices ?? []).Select(d => (d, Of(d))).OrderBy(x => x.Item2).ThenBy(x => x.d.DeviceId, StringComparer.Ordinal);

    private static Health Of(DeviceStatus d) => !d.Online ? Health.Offline : d.OpenFault is not null ? Health.Fault : d.LowConsumables.Any() ? Health.Low : Health.Ok;

    private string Count(Health health) => Ordered().Count(x => x.Health == health).ToString(CultureInfo.CurrentCulture);

    private static string Minutes(DateTimeOffset? since) => since is { } s ? Math.Max(0, (DateTimeOffset.UtcNow - s).TotalMinutes).ToString("0", CultureInfo.CurrentCulture) : "-";

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
