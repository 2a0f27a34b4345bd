using System.Collections.Immutable;

namespace OrleansHall.Staff;

/// <summary>
/// A push for the staff on duty in a hall: every one of them when <paramref name="Roles"/> is empty, otherwise only
/// those whose role it names; <paramref name="AlreadyTold"/> (an account manager who got the push first) is skipped.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StaffNotice(
    [property: Id(0)] StaffPush Push,
    [property: Id(1)] ImmutableArray<StaffRole> Roles,
    [property: Id(2)] string? AlreadyTold = null)
{
    public static StaffNotice ToEveryone(StaffPush push, string? alreadyTold = null) => new(push, [], alreadyTold);

    public bool IsFor(string staffId, StaffRole role)
        => staffId != AlreadyTold && (Roles.IsDefaultOrEmpty || Roles.Contains(role));
}
