namespace OrleansHall.Staffing;

/// <summary>Staffing suggestions of a hall (keyed by hall id), from its ticket forecast and measured handling times.</summary>
public interface IHallStaffingGrain : IGrainWithStringKey
{
    /// <summary>
    /// The plan for a local day: counters per slot meeting the hall's service-level target, shifts covering them, and
    /// the staff-hours and simulated service level of the suggestion against the current roster.
    /// </summary>
    Task<StaffingPlan> PlanAsync(DateOnly day);
}
