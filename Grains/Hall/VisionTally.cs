using System.Collections.Immutable;
using OrleansHall.Hall;

namespace OrleansHall.Grains.Hall;

/// <summary>Adds camera reports into a hall's day and turns the day into what the console shows.</summary>
public static class VisionTally
{
    public const int RecognitionsKept = 20;

    public const int CardsKept = 10;

    public static readonly ImmutableArray<string> AgeBands = ["0-17", "18-29", "30-44", "45-59", "60+"];

    public static string AgeBand(double age) => age switch
    {
        < 18 => "0-17",
        < 30 => "18-29",
        < 45 => "30-44",
        < 60 => "45-59",
        _ => "60+",
    };

    public static HallState Add(HallState s, VisionReport report)
    {
        var demographics = s.Demographics;
        foreach (var visitor in report.NewVisitors)
        {
            var key = $"{visitor.AgeBand}|{visitor.Gender}";
            demographics = demographics.SetItem(key, demographics.GetValueOrDefault(key) + visitor.Visitors);
        }

        var zones = s.ZoneSeconds;
        foreach (var (zone, seconds) in report.ZoneSeconds)
        {
            zones = zones.SetItem(zone, zones.GetValueOrDefault(zone) + seconds);
        }

        // Each camera's latest "people now" replaces its previous one.
        var now = s.ZonePeopleNow.RemoveRange(s.ZonePeopleNow.Keys.Where(k => k.StartsWith(report.CameraId + "|", StringComparison.Ordinal)));
        now = now.SetItems(report.ZonePeopleNow.Select(z => KeyValuePair.Create($"{report.CameraId}|{z.Key}", z.Value)));

        var cells = HeatMap.DefaultColumns * HeatMap.DefaultRows;
        var heat = s.Heat.Length == cells ? s.Heat.ToBuilder() : ImmutableArray.CreateRange(new double[cells]).ToBuilder();
        foreach (var (cell, seconds) in report.CellSeconds)
        {
            if (cell >= 0 && cell < cells)
            {
                heat[cell] += seconds;
            }
        }

        var transitions = s.Transitions;
        foreach (var (move, count) in report.Transitions ?? ImmutableDictionary<string, int>.Empty)
        {
            transitions = transitions.SetItem(move, transitions.GetValueOrDefault(move) + count);
        }

        // Like "people now": each camera's latest stays replace its previous ones.
        var stays = s.LongestStays.RemoveRange(s.LongestStays.Keys.Where(k => k.StartsWith(report.CameraId + "|", StringComparison.Ordinal)));
        stays = stays.SetItems((report.LongestStayMinutes ?? ImmutableDictionary<string, double>.Empty).Select(z => KeyValuePair.Create($"{report.CameraId}|{z.Key}", z.Value)));

        return s with
        {
            LongestStays = stays,
            Transitions = transitions,
            Backtracks = s.Backtracks + report.Backtracks,
            Travellers = s.Travellers + report.Travellers,
            Demographics = demographics,
            ZoneSeconds = zones,
            ZonePeopleNow = now,
            Heat = heat.MoveToImmutable(),
            Recognitions = [.. report.Recognitions.OrderByDescending(r => r.At).Concat(s.Recognitions).Take(RecognitionsKept)],
            CameraEntriesToday = s.CameraEntriesToday + report.Entries,
            CameraExitsToday = s.CameraExitsToday + report.Exits,
        };
    }

    public static HallVision Summarize(HallState s, HallConfig config)
    {
        var demographics = s.Demographics
            .Select(d => d.Key.Split('|') is [var band, var gender] ? new DemographicCount(band, gender, d.Value) : null)
            .OfType<DemographicCount>()
            .OrderBy(d => AgeBands.IndexOf(d.AgeBand)).ThenBy(d => d.Gender, StringComparer.Ordinal)
            .ToImmutableArray();
        var zoneNames = (config.Zones.IsDefault ? [] : config.Zones).Union(s.ZoneSeconds.Keys);
        var zones = zoneNames
            .Select(z => new ZoneDwell(z, Math.Round(s.ZoneSeconds.GetValueOrDefault(z), 1),
                s.ZonePeopleNow.Where(p => p.Key.EndsWith("|" + z, StringComparison.Ordinal)).Sum(p => p.Value)))
            .ToImmutableArray();
        var heat = s.Heat.Length == HeatMap.DefaultColumns * HeatMap.DefaultRows
            ? new HeatMap(HeatMap.DefaultColumns, HeatMap.DefaultRows, s.Heat)
            : HeatMap.Empty;
        var moves = s.Transitions
            .Select(t => t.Key.Split('>') is [var from, var to] ? new ZoneTransition(from, to, t.Value) : null)
            .OfType<ZoneTransition>()
            .OrderByDescending(t => t.Count).ThenBy(t => t.From, StringComparer.Ordinal).ThenBy(t => t.To, StringComparer.Ordinal)
            .ToImmutableArray();
        double? backtrackRate = s.Travellers == 0 ? null : Math.Round((double)s.Backtracks / s.Travellers, 3);
        return new HallVision(demographics, zones, heat, s.Recognitions, s.CameraEntriesToday, s.CameraExitsToday,
            moves, backtrackRate, MovementAdvisor.Advise(moves, s.Backtracks, s.Travellers, zones), s.Cards);
    }
}
