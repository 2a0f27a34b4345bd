namespace OrleansHall.Web.Auth;

/// <summary>One demo user from configuration: <c>OrleansHall:Users:N:Name|Password|Role|HallId</c>.</summary>
public sealed class ConsoleUserSettings
{
    public string Name { get; set; } = "";

    public string Password { get; set; } = "";

    public string Role { get; set; } = "";

    public string? HallId { get; set; }
}
