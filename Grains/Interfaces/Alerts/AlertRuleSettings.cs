using System.Collections.Immutable;
using OrleansHall.Staff;

namespace OrleansHall.Alerts;

/// <summary>
/// One alert rule of a hall. Raised when the rule's measure goes over <see cref="Threshold"/>; resolved by itself
/// only when it falls to <see cref="ResolveFraction"/> of it or below (hysteresis, so a value at the line does not
/// flap); after a resolution not raised again for <see cref="CooldownMinutes"/>. Pushed to the handhelds of on-duty
/// staff whose role is in <see cref="NotifyRoles"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AlertRuleSettings(
    [property: Id(0)] string Kind,
    [property: Id(1)] bool Enabled,
    [property: Id(2)] double Threshold,
    [property: Id(3)] double ResolveFraction,
    [property: Id(4)] double CooldownMinutes,
    [property: Id(5)] ImmutableArray<StaffRole> NotifyRoles);

/// <summary>Every rule of a hall, one per <see cref="AlertKinds"/> kind.</summary>
[GenerateSerializer, Immutable]
public sealed record AlertSettings([property: Id(0)] ImmutableArray<AlertRuleSettings> Rules)
{
    public AlertRuleSettings? Rule(string kind) => Rules.FirstOrDefault(r => r.Kind == kind);
}
