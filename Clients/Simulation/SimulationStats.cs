namespace OrleansHall.Clients.Simulation;

/// <summary>Running totals across the simulated region, safe to bump from many visitors at once.</summary>
public sealed class SimulationStats
{
    private long _arrivals;
    private long _left;
    private long _kioskUses;
    private long _tickets;
    private long _ticketFailures;
    private long _called;
    private long _served;
    private long _noShows;

    public long Arrivals => Interlocked.Read(ref _arrivals);
    public long Left => Interlocked.Read(ref _left);
    public long KioskUses => Interlocked.Read(ref _kioskUses);
    public long Tickets => Interlocked.Read(ref _tickets);
    public long TicketFailures => Interlocked.Read(ref _ticketFailures);
    public long Called => Interlocked.Read(ref _called);
    public long Served => Interlocked.Read(ref _served);
    public long NoShows => Interlocked.Read(ref _noShows);
    public long Inside => Arrivals - Left;

    public void Arrived() => Interlocked.Increment(ref _arrivals);
    public void Leaving() => Interlocked.Increment(ref _left);
    public void KioskUsed() => Interlocked.Increment(ref _kioskUses);
    public void TicketIssued() => Interlocked.Increment(ref _tickets);
    public void TicketFailed() => Interlocked.Increment(ref _ticketFailures);
    public void TicketCalled() => Interlocked.Increment(ref _called);
    public void ServiceDone() => Interlocked.Increment(ref _served);
    public void NoShow() => Interlocked.Increment(ref _noShows);

    public string Describe() =>
        $"arrivals {Arrivals} inside {Inside} kiosk {KioskUses} tickets {Tickets} (failed {TicketFailures}) called {Called} served {Served} no-shows {NoShows}";
}
