using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Orleans.Configuration;
using OrleansHall.Hall;

namespace OrleansHall.Web.Tests;

/// <summary>
/// The real thing, on free ports: a private PostgreSQL (deploy/postgres.sh), the console started first (so it
/// must wait for the cluster), then the silo, an Orleans client for the tests to drive grains with, and
/// Debian's Chromium through Playwright. Everything it started is stopped on dispose, also after a failure.
/// </summary>
public sealed class ConsoleStack : IAsyncLifetime
{
    public const string ClusterId = "orleanshall-webtests";
    public const string OperatorName = "operator";
    public const string ManagerName = "manager";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly List<ChildProcess> _processes = [];
    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), $"orleanshall-webtests-{Guid.NewGuid():N}");
    private string? _postgresDirectory;
    private IHost? _clientHost;
    private IPlaywright? _playwright;
    private int _disposed;

    public string OperatorPassword { get; } = RandomPassword();

    public string ManagerPassword { get; } = RandomPassword();

    /// <summary>The only hall the hall-manager user may see.</summary>
    public string ManagerHallId { get; } = $"mgr-{Guid.NewGuid():N}"[..12];

    public Uri ConsoleUri { get; private set; } = default!;

    /// <summary>What /healthz said after the console started but before the silo did.</summary>
    public JsonElement HealthBeforeSilo { get; private set; }

    public IClusterClient Cluster { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(15) };

    public string RepositoryRoot { get; } = FindRepositoryRoot();

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
            if (_clientHost is not null)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _clientHost.StopAsync(cts.Token);
                _clientHost.Dispose();
            }
        });
        StopProcessesAndDatabase();
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

    public async Task<JsonElement> GetHealthAsync()
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
        var configuration = BuildConfiguration();
        var silo = Path.Combine(RepositoryRoot, "Silo", "bin", configuration, "net10.0", "OrleansHall.Silo.dll");
        var console = Path.Combine(RepositoryRoot, "Web", "bin", configuration, "net10.0", "OrleansHall.Web.dll");
        foreach (var dll in new[] { silo, console })
        {
            if (!File.Exists(dll))
            {
                throw new FileNotFoundException($"{dll} is missing; build the solution in {configuration} first (dotnet build -c {configuration}).", dll);
            }
        }

        var ports = FreePorts.Take(5);
        var (postgresPort, siloPort, gatewayPort, siloHttpPort, consolePort) = (ports[0], ports[1], ports[2], ports[3], ports[4]);
        var connectionString = $"Host=127.0.0.1;Port={postgresPort};Username=postgres;Database=orleanshall;Timeout=5";
        ConsoleUri = new Uri($"http://127.0.0.1:{consolePort}/");

        Directory.CreateDirectory(_workDirectory);
        _postgresDirectory = Path.Combine(_workDirectory, "pg");
        await ChildProcess.RunAsync(
            "postgres.sh start",
            "bash",
            [Path.Combine(RepositoryRoot, "deploy", "postgres.sh"), "start", _postgresDirectory, postgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            RepositoryRoot,
            TimeSpan.FromSeconds(120));

        // Console first: it has to keep retrying until the silo below is up.
        var consoleProcess = ChildProcess.Start("console", "dotnet", [console], Path.GetDirectoryName(console)!, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = ConsoleUri.ToString().TrimEnd('/'),
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Orleans"] = connectionString,
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = ClusterId,
            ["OrleansHall__DataProtectionKeysPath"] = Path.Combine(_workDirectory, "keys"),
            ["OrleansHall__Users__0__Name"] = OperatorName,
            ["OrleansHall__Users__0__Password"] = OperatorPassword,
            ["OrleansHall__Users__0__Role"] = "RegionalOperator",
            ["OrleansHall__Users__1__Name"] = ManagerName,
            ["OrleansHall__Users__1__Password"] = ManagerPassword,
            ["OrleansHall__Users__1__Role"] = "HallManager",
            ["OrleansHall__Users__1__HallId"] = ManagerHallId,
        });
        _processes.Add(consoleProcess);
        await WaitForAsync(consoleProcess, async () =>
        {
            HealthBeforeSilo = await GetHealthAsync();
            return true;
        }, "the console to answer /healthz while the cluster is still down");

        var siloProcess = ChildProcess.Start("silo", "dotnet", [silo], Path.GetDirectoryName(silo)!, new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Orleans"] = connectionString,
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = ClusterId,
            ["Silo__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo__HttpPort"] = siloHttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo__Dashboard"] = "false",
        });
        _processes.Add(siloProcess);

        await WaitForAsync(siloProcess, async () =>
        {
            var health = await GetHealthAsync();
            return health.GetProperty("status").GetString() == "healthy";
        }, "the console to report the cluster healthy");

        _clientHost = BuildClientHost(connectionString);
        await _clientHost.StartAsync();
        Cluster = _clientHost.Services.GetRequiredService<IClusterClient>();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    private async Task WaitForAsync(ChildProcess process, Func<Task<bool>> ready, string what)
    {
        try
        {
            await Eventually.MatchesAsync(
                async () => process.HasExited ? throw new InvalidOperationException($"{process.Name} exited") : await ready(),
                ok => ok,
                StartTimeout,
                what);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}{Environment.NewLine}{Logs()}", ex);
        }
    }

    private static IHost BuildClientHost(string connectionString)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ClusterId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
        });
        return builder.Build();
    }

    private void StopProcessesAndDatabase()
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
        if (_postgresDirectory is not null && Directory.Exists(_postgresDirectory))
        {
            try
            {
                ChildProcess.RunAsync("postgres.sh stop", "bash", [Path.Combine(RepositoryRoot, "deploy", "postgres.sh"), "stop", _postgresDirectory], RepositoryRoot, TimeSpan.FromSeconds(90))
                    .GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Stopping PostgreSQL: {ex.Message}");
            }

            _postgresDirectory = null;
        }
    }

    // Last resort when the test host is torn down without disposing fixtures.
    private void OnProcessExit(object? sender, EventArgs e) => StopProcessesAndDatabase();

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

    private static string BuildConfiguration() =>
        // bin/<Configuration>/net10.0/ of this test assembly; the silo and console were built alongside.
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansHall.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No OrleansHall.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
