namespace OrleansHall.Analytics.Staffing;

/// <summary>The service level a hall promises: this share of customers called within this wait (default 80 % in 10 minutes).</summary>
public sealed record StaffingTarget(TimeSpan Wait, double ServiceLevel)
{
    public static StaffingTarget Default { get; } = new(TimeSpan.FromMinutes(10), 0.8);

    public void Validate()
    {
        if (Wait <= TimeSpan.Zero || Wait > TimeSpan.FromHours(4))
        {
            throw new ArgumentOutOfRangeException(nameof(Wait), Wait, "Expected a target wait between 1 second and 4 hours.");
        }

        if (ServiceLevel is <= 0 or >= 1 || double.IsNaN(ServiceLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(ServiceLevel), ServiceLevel, "Expected a service level strictly between 0 and 1 (0.8 for 80 %).");
        }
    }
}
