using OrleansHall.Common;
using OrleansHall.Hall;

namespace OrleansHall.Grains.Hall;

/// <summary>What a hall's layout must hold before the hall accepts it; each refusal names the value and what was expected.</summary>
public static class HallConfigRules
{
    public static void Validate(HallConfig config)
    {
        if (string.IsNullOrWhiteSpace(config.Name))
        {
            throw new RejectedRequestException("A hall needs a name.");
        }

        Keys.Validate(config.RegionId, "region id");
        if (config.Capacity <= 0)
        {
            throw new RejectedRequestException($"Hall capacity {config.Capacity} must be positive.");
        }

        if (config.Counters.IsDefaultOrEmpty || config.BusinessTypes.IsDefaultOrEmpty)
        {
            throw new RejectedRequestException("A hall needs at least one counter and one business type.");
        }

        foreach (var id in config.Counters.Concat(config.BusinessTypes).Concat(config.Zones.IsDefault ? [] : config.Zones))
        {
            Keys.Validate(id, "counter, zone or business type");
        }

        if (!(config.TargetWaitMinutes is >= 1 and <= 240))
        {
            throw new RejectedRequestException($"Target wait {config.TargetWaitMinutes} minutes: expected 1 to 240.");
        }

        if (!(config.ServiceLevelTarget is >= 0.5 and <= 0.99))
        {
            throw new RejectedRequestException($"Service level target {config.ServiceLevelTarget}: expected a share from 0.5 to 0.99 (0.8 for 80 %).");
        }

        if (config.CurrentRoster is < 1 or > 200)
        {
            throw new RejectedRequestException($"Current roster {config.CurrentRoster}: expected 1 to 200 front-desk staff.");
        }
    }
}
