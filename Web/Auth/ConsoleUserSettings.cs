namespace OrleansHall.Web.Auth;

/// <summary>
/// One console user from configuration: <c>OrleansHall:Users:N:Name|PasswordHash|Role|HallId</c>. The hash is ASP.NET Core
/// Identity's (`hallctl users add` writes one); a plain password is never stored.
/// </summary>
public sealed class ConsoleUserSettings
{
    public string Name { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public string Role { get; set; } = "";

    public string? HallId { get; set; }
}
