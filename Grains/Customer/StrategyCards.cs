using System.Collections.Immutable;
using OrleansHall.Customer;

namespace OrleansHall.Grains.Customer;

/// <summary>Builds the card staff get when a VIP or special-needs customer is recognised: pure, from the profile, visits and appointments.</summary>
public static class StrategyCards
{
    public const int VisitsShown = 3;

    /// <summary>An appointment is open from this long before its time until this long after it.</summary>
    public static readonly TimeSpan OpenBefore = TimeSpan.FromHours(3);
    public static readonly TimeSpan OpenAfter = TimeSpan.FromHours(2);

    public static StrategyCard For(
        CustomerProfile profile, ImmutableArray<Visit> visits, ImmutableArray<Appointment> appointments, string hallId, string cameraId, DateTimeOffset at,
        Func<string, string?>? staffName = null)
    {
        // The visit just recorded is the first; the card shows the ones before it.
        var earlier = visits.Where(v => v.At < at).Take(VisitsShown).ToImmutableArray();
        var appointment = OpenAppointment(appointments, hallId, at);
        var (action, text) = (appointment, profile.HasSpecialNeeds) switch
        {
            ({ AccountManagerId: { } manager }, _) => ("call-account-manager",
                $"Appointment at {appointment!.At.ToLocalTime():HH:mm} for {appointment.BusinessType}: call their account manager {staffName?.Invoke(manager) ?? manager}" +
                (profile.HasSpecialNeeds ? ", and fetch a chair meanwhile." : ", and guide them to the VIP area meanwhile.")),
            (_, true) => ("meet-at-door", "Meet them at the door, fetch a chair, and take them to a counter without queueing."),
            _ => ("guide-to-vip-area", "Greet them by name and guide them to the VIP area; their ticket goes to the priority lane."),
        };
        return new StrategyCard(profile.CustomerId, profile.Name, profile.Tags, hallId, cameraId, at, earlier, action, text,
            appointment, appointment?.AccountManagerId, Recommender.For(profile, visits));
    }

    /// <summary>The appointment at this hall nearest to <paramref name="at"/> within its open window, if any.</summary>
    public static Appointment? OpenAppointment(ImmutableArray<Appointment> appointments, string hallId, DateTimeOffset at)
        => appointments.IsDefault
            ? null
            : appointments.Where(a => a.HallId == hallId && a.At - OpenBefore <= at && at <= a.At + OpenAfter)
                .OrderBy(a => (a.At - at).Duration()).FirstOrDefault();
}
