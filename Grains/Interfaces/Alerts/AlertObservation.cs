using System.Collections.Immutable;
using OrleansHall.Hall;
using OrleansHall.Staff;

namespace OrleansHall.Alerts;

/// <summary>
/// What the alert book made of a hall's measures: the alerts open now (oldest first) and, for each alert it raised,
/// the notice the hall sends to the staff on duty whose role the rule names.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AlertObservation(
    [property: Id(0)] ImmutableArray<HallAlert> Open,
    [property: Id(1)] ImmutableArray<StaffNotice> Notices);
