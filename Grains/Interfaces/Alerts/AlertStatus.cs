namespace OrleansHall.Alerts;

public enum AlertStatus
{
    Raised = 0,
    Acknowledged = 1,
    Resolved = 2,
}
