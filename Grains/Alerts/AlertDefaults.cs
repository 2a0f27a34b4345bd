using System.Collections.Immutable;
using OrleansHall.Alerts;
using OrleansHall.Common;
using OrleansHall.Hall;
using OrleansHall.Staff;

namespace OrleansHall.Grains.Alerts;

/// <summary>The rules a hall starts with (thresholds from its layout), and the checks on rules a manager edits.</summary>
public static class AlertDefaults
{
    public const double ResolveFraction = 0.8;

    public const double CooldownMinutes = 10;

    public static AlertSettings For(HallConfig config)
    {
        ImmutableArray<StaffRole> managers = [StaffRole.HallManager, StaffRole.FloatingGuide];
        ImmutableArray<StaffRole> floor = [StaffRole.FloatingGuide, StaffRole.HallManager];
        return new AlertSettings(
        [
            new(AlertKinds.Crowded, true, config.Capacity, ResolveFraction, CooldownMinutes, managers),
            new(AlertKinds.LongQueue, true, config.QueueAlertLength, ResolveFraction, CooldownMinutes, [.. floor, StaffRole.CounterClerk]),
            new(AlertKinds.LongWait, true, config.WaitAlertMinutes, ResolveFraction, CooldownMinutes, floor),
            new(AlertKinds.VipWaiting, true, 5, ResolveFraction, CooldownMinutes, [StaffRole.AccountManager, StaffRole.FloatingGuide, StaffRole.HallManager]),
            // Any device offline: threshold 0, so it resolves only when none is left.
            new(AlertKinds.DeviceOffline, true, 0, ResolveFraction, CooldownMinutes, managers),
            new(AlertKinds.DeviceFaulty, true, 0, ResolveFraction, CooldownMinutes, managers),
            new(AlertKinds.ConsumableLow, true, 0, ResolveFraction, 60, floor),
            new(AlertKinds.CounterUnstaffed, true, 5, ResolveFraction, CooldownMinutes, [StaffRole.HallManager]),
            new(AlertKinds.Lingering, true, 8, 0.5, CooldownMinutes, [StaffRole.FloatingGuide]),
            new(AlertKinds.FlowAboveForecast, true, 5, ResolveFraction, 30, managers),
        ]);
    }

    /// <summary>Refuses settings with a missing, unknown or repeated rule or a value out of range, naming it.</summary>
    public static void Validate(AlertSettings settings)
    {
        if (settings.Rules.IsDefaultOrEmpty)
        {
            throw new RejectedRequestException($"Alert settings need one rule for each of: {string.Join(", ", AlertKinds.All)}.");
        }

        foreach (var rule in settings.Rules)
        {
            if (!AlertKinds.All.Contains(rule.Kind))
            {
                throw new RejectedRequestException($"Unknown alert rule '{Keys.Printable(rule.Kind)}': expected one of {string.Join(", ", AlertKinds.All)}.");
            }

            if (!double.IsFinite(rule.Threshold) || rule.Threshold < 0 || rule.Threshold > 100_000)
            {
                throw new RejectedRequestException($"Rule {rule.Kind}: threshold {rule.Threshold} must be a number from 0 to 100000.");
            }

            if (!(rule.ResolveFraction is >= 0.1 and <= 1))
            {
                throw new RejectedRequestException($"Rule {rule.Kind}: resolve fraction {rule.ResolveFraction} must be from 0.1 to 1 (0.8 resolves at 80 % of the threshold).");
            }

            if (!(rule.CooldownMinutes is >= 0 and <= 1440))
            {
                throw new RejectedRequestException($"Rule {rule.Kind}: cool-down {rule.CooldownMinutes} minutes must be from 0 to 1440.");
            }

            if (rule.NotifyRoles.IsDefault || rule.NotifyRoles.Any(r => !Enum.IsDefined(r)))
            {
                throw new RejectedRequestException($"Rule {rule.Kind}: roles to notify must be staff roles.");
            }
        }

        var missing = AlertKinds.All.Except(settings.Rules.Select(r => r.Kind)).ToList();
        var repeated = settings.Rules.GroupBy(r => r.Kind).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (missing.Count > 0 || repeated.Count > 0)
        {
            throw new RejectedRequestException(
                $"Alert settings need each rule once: {(missing.Count > 0 ? $"missing {string.Join(", ", missing)}" : "")}{(repeated.Count > 0 ? $" repeated {string.Join(", ", repeated)}" : "")}.".Replace(":  ", ": ", StringComparison.Ordinal));
        }
    }
}
