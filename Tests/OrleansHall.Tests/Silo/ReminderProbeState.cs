namespace OrleansHall.Tests.Silo;

[GenerateSerializer]
public sealed class ReminderProbeState
{
    [Id(0)]
    public int Ticks { get; set; }
}
