using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>Static (non-interactive) page: it must set the auth cookie on a real HTTP response.</summary>
public sealed partial class Login
{
    private string? _error;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private ConsoleUserDirectory Users { get; set; } = default!;

    [Inject]
    private SignInThrottle Throttle { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<Login> Logger { get; set; } = default!;

    [SupplyParameterFromForm]
    private LoginInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    private string CultureLink(string culture) =>
        $"culture/{culture}?returnUrl={Uri.EscapeDataString("/login" + (ReturnUrl is null ? "" : $"?returnUrl={Uri.EscapeDataString(ReturnUrl)}"))}";

    protected override void OnInitialized() => Input ??= new LoginInput();

    private async Task SignInAsync()
    {
        Input ??= new LoginInput();
        var name = Input.UserName?.Trim() ?? "";
        if (Throttle.LockedUntil(name) is { } until)
        {
            Logger.LogWarning("Sign-in for user '{User}' refused: locked out until {Until:O}", LogSafe(name), until);
            _error = L["SignInLockedOut", Math.Ceiling((until - Clock.GetUtcNow()).TotalMinutes)];
            return;
        }

        var principal = Users.Authenticate(name, Input.Password, Clock.GetUtcNow());
        if (principal is null)
        {
            Throttle.Failed(name);
            Logger.LogWarning("Failed sign-in for user '{User}'", LogSafe(name));
            _error = L["SignInFailed"];
            return;
        }

        Throttle.Succeeded(name);

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        Logger.LogInformation("User '{User}' signed in", principal.Identity?.Name);
        Navigation.NavigateTo(LocalUrl.OrRoot(ReturnUrl), forceLoad: true);
    }

    /// <summary>A typed user name for the log: short and printable, whatever was typed.</summary>
    private static string LogSafe(string name) => OrleansHall.Common.Keys.Printable(name);
}
