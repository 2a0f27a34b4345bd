using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Components;
using OrleansHall.Web.Services;

var builder = WebApplication.CreateBuilder(args);
// Users may live in a JSON file of their own (what `hallctl users add` writes), outside appsettings and the environment.
if (builder.Configuration["OrleansHall:UsersFile"] is { Length: > 0 } usersFile)
{
    builder.Configuration.AddJsonFile(Path.GetFullPath(usersFile), optional: false, reloadOnChange: false);
}

builder.WebHost.UseStaticWebAssets();
if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5000");
}

builder.Services.Configure<ClusterSettings>(o =>
{
    var config = builder.Configuration;
    o.ConnectionString = config.GetConnectionString("Orleans") is { Length: > 0 } db ? db : null;
    o.ClusterId = config["Orleans:ClusterId"] ?? o.ClusterId;
    o.ServiceId = config["Orleans:ServiceId"] ?? o.ServiceId;
    var refresh = config.GetValue<double?>("OrleansHall:RefreshSeconds") ?? o.RefreshInterval.TotalSeconds;
    if (refresh is < 0.1 or > 3600)
    {
        throw new InvalidOperationException($"OrleansHall:RefreshSeconds '{refresh}' is out of range; expected 0.1 to 3600 seconds.");
    }

    o.RefreshInterval = TimeSpan.FromSeconds(refresh);
    o.Gateways = (config["OrleansHall:Gateways"] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(g => System.Net.IPEndPoint.TryParse(g, out var endpoint) && endpoint.Port > 0
            ? endpoint
            : throw new InvalidOperationException($"OrleansHall:Gateways: '{g}' is not an IP address and port, e.g. 127.0.0.1:30000."))
        .ToList();
    if (o.Gateways.Count == 0 && o.ConnectionString is null)
    {
        o.Gateways = [ClusterSettings.DefaultGateway];
    }
    if (config["OrleansHall:Tls:Certificate"] is { Length: > 0 } certificate)
    {
        o.Tls = new OrleansHall.Security.ClusterTlsFiles(
            certificate,
            config["OrleansHall:Tls:Key"] is { Length: > 0 } key ? key : Path.ChangeExtension(certificate, ".key"),
            config["OrleansHall:Tls:Ca"] is { Length: > 0 } ca ? ca : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(certificate))!, "ca.crt"),
            config["OrleansHall:Tls:Revoked"]);
    }
});
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ClusterConnection>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterConnection>());
builder.Services.AddSingleton<HallLiveService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<HallLiveService>());
builder.Services.AddSingleton<ClusterHealthProbe>();
builder.Services.AddSingleton<CameraFeedService>();
builder.Services.AddSingleton<AnalyticsService>();
builder.Services.AddSingleton<AlertService>();
builder.Services.AddSingleton<CustomerService>();
builder.Services.AddSingleton<PlacementService>();
builder.Services.AddSingleton<ConsoleUserDirectory>();
builder.Services.AddSingleton<SignInThrottle>();
builder.Services.AddSingleton<SignOuts>();

// Several console instances behind one address must share keys, or a cookie from one is garbage to the next.
if (builder.Configuration["OrleansHall:DataProtectionKeysPath"] is { Length: > 0 } keysPath)
{
    builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keysPath)).SetApplicationName("OrleansHall.Web");
}

builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o =>
    {
        o.LoginPath = "/login";
        o.LogoutPath = "/logout";
        o.Cookie.Name = "orleanshall.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        // Secure whenever the browser came over HTTPS, also through a TLS proxy (forwarded headers below).
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = ConsoleSessions.Lifetime;
        o.SlidingExpiration = false;
        o.Events.OnValidatePrincipal = context =>
        {
            var services = context.HttpContext.RequestServices;
            if (context.Principal is not { } user || !ConsoleSessions.IsCurrent(user, services.GetRequiredService<ConsoleUserDirectory>(),
                    services.GetRequiredService<SignOuts>(), services.GetRequiredService<TimeProvider>().GetUtcNow()))
            {
                context.RejectPrincipal();
            }

            return Task.CompletedTask;
        };
    });
builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddScoped<AuthenticationStateProvider, ConsoleSessions>();
builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    // Only from the proxies named (loopback by default): X-Forwarded-Proto https makes the cookie Secure.
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    foreach (var proxy in builder.Configuration.GetSection("OrleansHall:KnownProxies").Get<string[]>() ?? [])
    {
        o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    }
});

builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
string[] cultures = ["zh-CN", "en"];
builder.Services.Configure<RequestLocalizationOptions>(o =>
{
    o.SetDefaultCulture(cultures[0]).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
    // Only the cookie (set by the app bar switch) decides; a browser's Accept-Language must not override the zh-CN default.
    o.RequestCultureProviders = [new CookieRequestCultureProvider()];
});

builder.Services.AddMudServices();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

// Fail at start-up, with the offending key named, rather than at the first sign-in.
var users = app.Services.GetRequiredService<ConsoleUserDirectory>();
if (users.Count == 0)
{
    app.Logger.LogWarning("No console users are configured; set OrleansHall__Users__0__Name, __Password, __Role (and __HallId) to allow sign-in");
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseForwardedHeaders();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();

app.MapGet("/healthz", async (ClusterHealthProbe probe, HttpContext http, CancellationToken ct) =>
{
    var report = await probe.CheckAsync(ct);
    var status = report.Status == HealthReport.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
    // Anyone may ask whether the console is up; what halls and silos there are is for signed-in operators.
    return http.User.IsRegionalOperator() ? Results.Json(report, statusCode: status) : Results.Json(new { status = report.Status }, statusCode: status);
}).AllowAnonymous();

app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
{
    if (!cultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
    {
        return Results.BadRequest($"Unknown culture '{culture}'; expected one of: {string.Join(", ", cultures)}.");
    }

    http.Response.Cookies.Append(
        CookieRequestCultureProvider.DefaultCookieName,
        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
        new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true });
    return Results.LocalRedirect(LocalUrl.OrRoot(returnUrl));
}).AllowAnonymous();

app.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery, SignOuts signOuts, TimeProvider clock) =>
{
    await antiforgery.ValidateRequestAsync(http);
    if (http.User.Identity?.Name is { } name)
    {
        // Ends the user's other sessions too: live circuits notice within a minute.
        signOuts.Record(name, clock.GetUtcNow());
    }

    await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    return Results.LocalRedirect("/login");
}).AllowAnonymous();

app.MapCameraFrames();
app.MapStaffingCsv();
app.MapReportCsv();

app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
