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
        var principal = Users.Authenticate(Input.UserName?.Trim(), Input.Password);
        if (principal is null)
        {
            Logger.LogWarning("Failed sign-in for user '{User}'", Input.UserName);
            _error = L["SignInFailed"];
            return;
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        Logger.LogInformation("User '{User}' signed in", principal.Identity?.Name);
        Navigation.NavigateTo(LocalUrl.OrRoot(ReturnUrl), forceLoad: true);
    }
}
