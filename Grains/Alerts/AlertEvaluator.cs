using System.Collections.Immutable;
using System.Globalization;
using OrleansHall.Alerts;
using OrleansHall.Hall;

namespace OrleansHall.Grains.Alerts;

/// <summary>What one evaluation changed: the alerts open now, those it raised and those that resolved by themselves.</summary>
public sealed record AlertChanges(ImmutableArray<HallAlert> Open, IReadOnlyList<HallAlert> Raised, IReadOnlyList<HallAlert> Resolved);

/// <summary>
/// Judges a hall's measures against its rules. A rule raises when its measure is over the threshold and its
/// cool-down since the last resolution has passed; an open alert resolves by itself when the measure falls to the
/// rule's resolve fraction of the threshold or below, or when its rule is switched off. Pure: the book grain keeps
/// the state and the clock.
/// </summary>
public static class AlertEvaluator
{
    public static AlertChanges Evaluate(
        AlertSettings settings, AlertMeasures m, double? forecastUpper, ImmutableArray<HallAlert> open,
        IReadOnlyDictionary<string, DateTimeOffset> lastResolved, Func<Guid> newId)
    {
        var now = m.At;
        var result = ImmutableArray.CreateBuilder<HallAlert>();
        var raised = new List<HallAlert>();
        var resolved = new List<HallAlert>();
        foreach (var kind in AlertKinds.All)
        {
            var rule = settings.Rule(kind);
            var current = open.FirstOrDefault(a => a.Kind == kind);
            var (value, message) = Measure(kind, m, forecastUpper, rule?.Threshold ?? 0);
            if (rule is not { Enabled: true } || value is null)
            {
                if (current is not null)
                {
                    resolved.Add(current with { Status = AlertStatus.Resolved, ResolvedAt = now, ResolvedBy = "system" });
                }

                continue;
            }

            if (current is not null)
            {
                var stays = value > rule.Threshold * rule.ResolveFraction || (rule.Threshold == 0 && value > 0);
                if (stays)
                {
                    result.Add(current with { Message = message });
                }
                else
                {
                    resolved.Add(current with { Status = AlertStatus.Resolved, ResolvedAt = now, ResolvedBy = "system" });
                }

                continue;
            }

            var cooling = lastResolved.TryGetValue(kind, out var at) && now - at < TimeSpan.FromMinutes(rule.CooldownMinutes);
            if (value > rule.Threshold && !cooling)
            {
                var alert = new HallAlert(kind, message, now, newId());
                result.Add(alert);
                raised.Add(alert);
            }
        }

        return new AlertChanges(result.ToImmutable(), raised, resolved);
    }

    private static int Count(ImmutableArray<string> items) => items.IsDefault ? 0 : items.Length;

    private static IEnumerable<string> Items(ImmutableArray<string> items) => items.IsDefault ? [] : items;

    /// <summary>The rule's measure now and what an alert would say, or null when it cannot be measured (no forecast yet).</summary>
    private static (double? Value, string Message) Measure(string kind, AlertMeasures m, double? forecastUpper, double threshold)
    {
        var t = threshold.ToString("0.#", CultureInfo.InvariantCulture);
        return kind switch
        {
            AlertKinds.Crowded => (m.Occupancy, $"Occupancy {m.Occupancy} is over the limit of {t}."),
            AlertKinds.LongQueue => (m.Waiting, $"{m.Waiting} tickets waiting (limit {t})."),
            AlertKinds.LongWait => (m.LongestWaitMinutes, $"Longest wait {m.LongestWaitMinutes:F0} min (limit {t} min)."),
            AlertKinds.VipWaiting => (m.LongestVipWaitMinutes, $"A VIP has waited {m.LongestVipWaitMinutes:F0} min (limit {t} min)."),
            AlertKinds.DeviceOffline => (m.OfflineDevices.Length, $"Offline: {string.Join(", ", m.OfflineDevices)}."),
            AlertKinds.DeviceFaulty => (Count(m.FaultyDevices), $"Out of order: {string.Join("; ", Items(m.FaultyDevices))}."),
            AlertKinds.ConsumableLow => (Count(m.LowConsumables), $"Running low: {string.Join(", ", Items(m.LowConsumables))}."),
            AlertKinds.CounterUnstaffed => (m.UnstaffedCounters.IsEmpty ? 0 : m.Waiting,
                $"{m.Waiting} waiting while counter(s) {string.Join(", ", m.UnstaffedCounters)} have nobody (limit {t} waiting)."),
            AlertKinds.Lingering => (m.LongestSelfServiceStayMinutes,
                $"A customer has been at the self-service kiosks for {m.LongestSelfServiceStayMinutes:F0} min (limit {t} min): they may need help."),
            AlertKinds.FlowAboveForecast when forecastUpper is { } upper => (m.EntriesThisSlot - upper,
                $"{m.EntriesThisSlot} people came in this quarter-hour, {m.EntriesThisSlot - upper:F0} above the forecast's upper band (limit {t})."),
            _ => (null, ""),
        };
    }
}
