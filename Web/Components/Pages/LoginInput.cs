namespace OrleansHall.Web.Components.Pages;

public sealed class LoginInput
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}
