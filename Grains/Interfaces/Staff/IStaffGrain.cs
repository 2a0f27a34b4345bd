using System.Collections.Immutable;
using Orleans.Concurrency;

namespace OrleansHall.Staff;

/// <summary>A member of hall staff: role, hall, duty, and the pushes sent to their handheld.</summary>
public interface IStaffGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the staff member; the hall must exist.</summary>
    Task RegisterAsync(string name, StaffRole role, string hallId);

    Task<bool> ExistsAsync();

    /// <summary>
    /// Who the staff member is. Interleaves with the grain's other calls (it only reads), so a hall asking for a role
    /// never waits on a staff member who is reporting to that hall.
    /// </summary>
    [AlwaysInterleave]
    Task<StaffProfile> GetProfileAsync();

    Task SetOnDutyAsync(bool onDuty);

    /// <summary>
    /// Sends a message to the staff member's terminal; the last few are kept for a terminal that connects later.
    /// One-way, so a hall pushing to staff never waits on a staff member who is reporting to that hall.
    /// </summary>
    [OneWay]
    Task PushAsync(StaffPush push);

    /// <summary>
    /// As <see cref="PushAsync"/>, but answers once the push is kept and sent to the terminals: for a sender that must
    /// know this staff member was told before it tells anyone else (the account manager first).
    /// </summary>
    Task DeliverAsync(StaffPush push);

    /// <summary>Pushes sent so far today, oldest first.</summary>
    Task<ImmutableArray<StaffPush>> GetRecentPushesAsync();

    /// <summary>A customer was erased: drops the kept pushes about them.</summary>
    Task ForgetCustomerAsync(string customerId);

    /// <summary>Registers a handheld for pushes; subscriptions expire after a few minutes, so renew them.</summary>
    Task SubscribeAsync(IStaffTerminal terminal);

    Task UnsubscribeAsync(IStaffTerminal terminal);
}
