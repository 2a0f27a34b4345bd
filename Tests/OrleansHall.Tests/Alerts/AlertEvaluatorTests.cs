using System.Collections.Immutable;
using OrleansHall.Alerts;
using OrleansHall.Common;
using OrleansHall.Grains.Alerts;
using OrleansHall.Hall;
using OrleansHall.Staff;

namespace OrleansHall.Tests.Alerts;

public sealed class AlertEvaluatorTests
{
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly HallConfig Config = new("Hall", "r", 10, ["C1", "C2"], [], ["invoice"], QueueAlertLength: 10);
    private static readonly AlertSettings Defaults = AlertDefaults.For(Config);

    [Fact]
    public void An_occupancy_alert_stays_raised_until_clearly_below_the_limit_then_cools_down_before_it_can_rise_again()
    {
        var open = ImmutableArray<HallAlert>.Empty;
        var resolvedAt = new Dictionary<string, DateTimeOffset>();
        AlertChanges Step(int occupancy, int minute)
        {
            var changes = AlertEvaluator.Evaluate(Defaults, Measures(Nine.AddMinutes(minute), occupancy: occupancy), null, open, resolvedAt, Guid.NewGuid);
            open = changes.Open;
            foreach (var r in changes.Resolved)
            {
                resolvedAt[r.Kind] = r.ResolvedAt!.Value;
            }

            return changes;
        }

        var raised = Step(11, 0);
        var hovering = Step(9, 5);
        var cleared = Step(7, 10);
        var tooSoon = Step(12, 15);
        var again = Step(12, 21);

        Assert.Equal(AlertKinds.Crowded, Assert.Single(raised.Raised).Kind);
        Assert.Equal(raised.Raised[0].Id, Assert.Single(hovering.Open).Id);
        Assert.Contains("9", hovering.Open[0].Message);
        Assert.Equal((AlertStatus.Resolved, "system"), (Assert.Single(cleared.Resolved).Status, cleared.Resolved[0].ResolvedBy));
        Assert.Empty(tooSoon.Raised);
        Assert.NotEqual(raised.Raised[0].Id, Assert.Single(again.Raised).Id);
    }

    [Fact]
    public void A_rule_switched_off_resolves_its_open_alert_and_raises_nothing()
    {
        var first = AlertEvaluator.Evaluate(Defaults, Measures(Nine, waiting: 14), null, [], new Dictionary<string, DateTimeOffset>(), Guid.NewGuid);
        var off = Defaults with { Rules = Defaults.Rules.Select(r => r.Kind == AlertKinds.LongQueue ? r with { Enabled = false } : r).ToImmutableArray() };

        var after = AlertEvaluator.Evaluate(off, Measures(Nine.AddMinutes(1), waiting: 20), null, first.Open, new Dictionary<string, DateTimeOffset>(), Guid.NewGuid);

        Assert.Contains(first.Raised, a => a.Kind == AlertKinds.LongQueue);
        Assert.Contains(after.Resolved, a => a.Kind == AlertKinds.LongQueue);
        Assert.DoesNotContain(after.Open, a => a.Kind == AlertKinds.LongQueue);
    }

    [Fact]
    public void Flow_is_far_above_forecast_only_past_the_upper_band_by_the_threshold_and_not_without_a_forecast()
    {
        var none = new Dictionary<string, DateTimeOffset>();

        var noForecast = AlertEvaluator.Evaluate(Defaults, Measures(Nine, entries: 40), null, [], none, Guid.NewGuid);
        var within = AlertEvaluator.Evaluate(Defaults, Measures(Nine, entries: 14), 10, [], none, Guid.NewGuid);
        var above = AlertEvaluator.Evaluate(Defaults, Measures(Nine, entries: 16), 10, [], none, Guid.NewGuid);

        Assert.DoesNotContain(noForecast.Raised, a => a.Kind == AlertKinds.FlowAboveForecast);
        Assert.DoesNotContain(within.Raised, a => a.Kind == AlertKinds.FlowAboveForecast);
        Assert.Contains("6 above", Assert.Single(above.Raised, a => a.Kind == AlertKinds.FlowAboveForecast).Message);
    }

    [Fact]
    public void A_growing_queue_with_a_counter_nobody_staffs_is_an_alert_and_a_vip_waiting_too_long_another()
    {
        var none = new Dictionary<string, DateTimeOffset>();

        var staffed = AlertEvaluator.Evaluate(Defaults, Measures(Nine, waiting: 8), null, [], none, Guid.NewGuid);
        var unstaffed = AlertEvaluator.Evaluate(Defaults, Measures(Nine, waiting: 8, unstaffed: ["C2"], vipWait: 7), null, [], none, Guid.NewGuid);

        Assert.Empty(staffed.Raised);
        Assert.Contains("C2", Assert.Single(unstaffed.Raised, a => a.Kind == AlertKinds.CounterUnstaffed).Message);
        Assert.Contains(unstaffed.Raised, a => a.Kind == AlertKinds.VipWaiting);
    }

    [Fact]
    public void A_customer_staying_at_the_self_service_kiosks_past_the_limit_calls_for_a_guide_until_they_leave()
    {
        var none = new Dictionary<string, DateTimeOffset>();
        var at = Nine;

        var lingering = AlertEvaluator.Evaluate(Defaults, Measures(at) with { LongestSelfServiceStayMinutes = 9 }, null, [], none, Guid.NewGuid);
        var gone = AlertEvaluator.Evaluate(Defaults, Measures(at.AddMinutes(2)) with { LongestSelfServiceStayMinutes = 0 }, null, lingering.Open, none, Guid.NewGuid);

        Assert.Contains("9 min", Assert.Single(lingering.Raised).Message);
        Assert.Contains(StaffRole.FloatingGuide, Defaults.Rule(AlertKinds.Lingering)!.NotifyRoles);
        Assert.Equal(AlertKinds.Lingering, Assert.Single(gone.Resolved).Kind);
    }

    [Theory]
    [InlineData(AlertKinds.LongQueue, -1, 0.8, 10, "threshold -1")]
    [InlineData(AlertKinds.LongQueue, 10, 1.5, 10, "resolve fraction 1.5")]
    [InlineData(AlertKinds.LongWait, 10, 0.8, -3, "cool-down -3")]
    [InlineData(AlertKinds.LongWait, double.NaN, 0.8, 10, "threshold NaN")]
    public void Bad_rule_values_are_refused_naming_the_rule_and_the_value(string kind, double threshold, double resolve, double cooldown, string expected)
    {
        var bad = Defaults with { Rules = Defaults.Rules.Select(r => r.Kind == kind ? r with { Threshold = threshold, ResolveFraction = resolve, CooldownMinutes = cooldown } : r).ToImmutableArray() };

        var error = Assert.Throws<RejectedRequestException>(() => AlertDefaults.Validate(bad));

        Assert.Contains(kind, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Settings_missing_a_rule_or_naming_an_unknown_one_are_refused()
    {
        var missing = Defaults with { Rules = Defaults.Rules.RemoveAt(0) };
        var unknown = Defaults with { Rules = Defaults.Rules.Add(Defaults.Rules[0] with { Kind = "fire" }) };

        Assert.Contains("missing crowded", Assert.Throws<RejectedRequestException>(() => AlertDefaults.Validate(missing)).Message);
        Assert.Contains("Unknown alert rule 'fire'", Assert.Throws<RejectedRequestException>(() => AlertDefaults.Validate(unknown)).Message);
    }

    private static AlertMeasures Measures(DateTimeOffset at, int occupancy = 0, int waiting = 0, int entries = 0, ImmutableArray<string>? unstaffed = null, double vipWait = 0)
        => new(at, occupancy, waiting, 0, vipWait, [], unstaffed ?? [], entries, []);
}
