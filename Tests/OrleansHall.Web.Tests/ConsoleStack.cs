using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;
using OrleansHall.Hall;

namespace OrleansHall.Web.Tests;

/// <summary>
/// The real thing, on free ports: a private PostgreSQL, the console started first (so it must wait for the
/// cluster), then the silo, an Orleans client for the tests to drive grains with, and Debian's Chromium through
/// Playwright. Everything it started is stopped on dispose, also after a failure.
/// </summary>
public sealed class ConsoleStack : IAsyncLifetime
{
    public const string ClusterId = "orleanshall-webtests";
    public const string OperatorName = "operator";
    public const string ManagerName = "manager";
    public const string StaffName = "staff";
    public const string AuditorName = "auditor";

    /// <summary>A staff member only the lock-out test signs in as (wrongly), so no other test finds the account locked.</summary>
    public const string LockOutName = "lockout";

    /// <summary>The regional operator /healthz is read as; no test signs it out (signing out ends all of a user's sessions).</summary>
    private const string MonitorName = "monitor";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly List<ChildProcess> _processes = [];
    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), $"orleanshall-webtests-{Guid.NewGuid():N}");
    private readonly PostgresServer _postgres = new();
    private ClusterClient? _client;
    private IPlaywright? _playwright;
    private IPage? _operator;
    private int _disposed;

    public string OperatorPassword { get; } = RandomPassword();

    public string ManagerPassword { get; } = RandomPassword();

    /// <summary>Staff of the manager's hall, and an auditor of every hall.</summary>
    public string StaffPassword { get; } = RandomPassword();

    public string AuditorPassword { get; } = RandomPassword();

    public string LockOutPassword { get; } = RandomPassword();

    private string MonitorPassword { get; } = RandomPassword();

    /// <summary>The only hall the hall-manager user may see.</summary>
    public string ManagerHallId { get; } = $"mgr-{Guid.NewGuid():N}"[..12];

    public Uri ConsoleUri { get; private set; } = default!;

    /// <summary>What /healthz said after the console started but before the silo did.</summary>
    public JsonElement HealthBeforeSilo { get; private set; }

    public IClusterClient Cluster { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(15) };

    public string RepositoryRoot => Repository.Root;

    public async Task InitializeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await QuietlyAsync(async () =>
        {
            if (Browser is not null)
            {
                await Browser.CloseAsync();
            }
        });
        await QuietlyAsync(() =>
        {
            _playwright?.Dispose();
            return Task.CompletedTask;
        });
        await QuietlyAsync(async () =>
        {
            if (_client is not null)
            {
                await _client.DisposeAsync();
            }
        });
        StopProcesses();
        await QuietlyAsync(_postgres.DisposeAsync);
        Http.Dispose();
        await QuietlyAsync(() =>
        {
            if (Directory.Exists(_workDirectory))
            {
                Directory.Delete(_workDirectory, recursive: true);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>The console's and the silo's recent output, for a failing assertion to show.</summary>
    public string Logs() =>
        string.Join(Environment.NewLine, _processes.Select(p => $"----- {p.Name} (exited: {p.HasExited}) -----{Environment.NewLine}{p.Output}"));

    /// <summary>/healthz as a signed-in regional operator sees it: status, silos, halls, devices.</summary>
    public async Task<JsonElement> GetHealthAsync()
    {
        _operator ??= await SignedInPageAsync(MonitorName, MonitorPassword);
        var response = await _operator.APIRequest.GetAsync("healthz");
        return JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();
    }

    /// <summary>/healthz as anyone sees it, without signing in.</summary>
    public async Task<JsonElement> GetAnonymousHealthAsync()
    {
        using var response = await Http.GetAsync(new Uri(ConsoleUri, "healthz"));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A fresh browser context (no cookies) signed in through the login form.</summary>
    public async Task<IPage> SignedInPageAsync(string userName, string password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(ConsoleUri, "login").ToString());
        await page.GetByTestId("login-name").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new() { Timeout = 30_000 });
        return page;
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = ConsoleUri.ToString(), Locale = "zh-CN" });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page PNG when ORLEANSHALL_SCREENSHOTS names a directory, to look at what a user sees.</summary>
    public async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ORLEANSHALL_SCREENSHOTS") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{name}.png"), FullPage = true });
        }
    }

    /// <summary>Opens a hall in the cluster the way an administrator would, in a region of its own.</summary>
    public async Task OpenHallAsync(string hallId, int capacity = 50)
    {
        await Cluster.GetGrain<IHallGrain>(hallId).ConfigureAsync(new HallConfig(
            $"测试营业厅 {hallId}",
            "webtests",
            capacity,
            ["C1", "C2"],
            ["entrance", "waiting"],
            ["electricity-bill", "new-connection"]));
    }

    private async Task StartAsync()
    {
        var (silo, console) = (Repository.Silo, Repository.Console);
        var ports = FreePorts.Take(4);
        var (siloPorts, consolePort) = (ports[..3], ports[3]);
        ConsoleUri = new Uri($"http://127.0.0.1:{consolePort}/");
        Directory.CreateDirectory(_workDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await _postgres.InitializeAsync();
        var connectionString = await _postgres.CreateDatabaseAsync("webtests") + ";Timeout=5";

        // Console first: it has to keep retrying until the silo below is up.
        var consoleProcess = new ChildProcess("dotnet", [console], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = ConsoleUri.ToString().TrimEnd('/'),
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Orleans"] = connectionString,
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = ClusterId,
            ["OrleansHall__DataProtectionKeysPath"] = Path.Combine(_workDirectory, "keys"),
            ["OrleansHall__Users__0__Name"] = OperatorName,
            ["OrleansHall__Users__0__PasswordHash"] = Hash(OperatorPassword),
            ["OrleansHall__Users__0__Role"] = "RegionalOperator",
            ["OrleansHall__Users__1__Name"] = ManagerName,
            ["OrleansHall__Users__1__PasswordHash"] = Hash(ManagerPassword),
            ["OrleansHall__Users__1__Role"] = "HallManager",
            ["OrleansHall__Users__1__HallId"] = ManagerHallId,
            ["OrleansHall__Users__2__Name"] = StaffName,
            ["OrleansHall__Users__2__PasswordHash"] = Hash(StaffPassword),
            ["OrleansHall__Users__2__Role"] = "Staff",
            ["OrleansHall__Users__2__HallId"] = ManagerHallId,
            ["OrleansHall__Users__3__Name"] = AuditorName,
            ["OrleansHall__Users__3__PasswordHash"] = Hash(AuditorPassword),
            ["OrleansHall__Users__3__Role"] = "Auditor",
            ["OrleansHall__Users__4__Name"] = LockOutName,
            ["OrleansHall__Users__4__PasswordHash"] = Hash(LockOutPassword),
            ["OrleansHall__Users__4__Role"] = "Staff",
            ["OrleansHall__Users__4__HallId"] = ManagerHallId,
            ["OrleansHall__Users__5__Name"] = MonitorName,
            ["OrleansHall__Users__5__PasswordHash"] = Hash(MonitorPassword),
            ["OrleansHall__Users__5__Role"] = "RegionalOperator",
        }, Path.GetDirectoryName(console), name: "console");
        _processes.Add(consoleProcess);
        await WaitForAsync(consoleProcess, async () =>
        {
            HealthBeforeSilo = await GetHealthAsync();
            return true;
        }, "the console to answer /healthz while the cluster is still down");

        var siloProcess = SiloProcess.Start(connectionString, siloPorts, ClusterId, new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        _processes.Add(siloProcess);

        await WaitForAsync(siloProcess, async () =>
        {
            var health = await GetHealthAsync();
            return health.GetProperty("status").GetString() == "healthy";
        }, "the console to report the cluster healthy");

        _client = await ClusterClient.ConnectAsync(connectionString, ClusterId);
        Cluster = _client.Client;
    }

    private async Task WaitForAsync(ChildProcess process, Func<Task<bool>> ready, string what)
    {
        try
        {
            await Eventually.HoldsAsync(
                async () => process.HasExited ? throw new InvalidOperationException($"{process.Name} exited") : await ready(),
                ok => ok,
                what,
                (int)StartTimeout.TotalSeconds,
                retryErrors: true);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}{Environment.NewLine}{Logs()}", ex);
        }
    }

    private void StopProcesses()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            try
            {
                process.Dispose();
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Stopping {process.Name}: {ex.Message}");
            }
        }

        _processes.Clear();
    }

    // Last resort when the test host is torn down without disposing fixtures.
    private void OnProcessExit(object? sender, EventArgs e)
    {
        StopProcesses();
        _postgres.DisposeAsync().GetAwaiter().GetResult();
    }

    private static async Task QuietlyAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Cleanup step failed: {ex.Message}");
        }
    }

    private static string RandomPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    /// <summary>The hash the console stores, as `hallctl users add` makes it: no password is configured in clear.</summary>
    private static string Hash(string password) => new Microsoft.AspNetCore.Identity.PasswordHasher<object>().HashPassword(new object(), password);
}
