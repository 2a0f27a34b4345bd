using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Verbs;

namespace OrleansHall.Tests.Clients;

public sealed class HallCtlCommandLineTests
{
    private sealed class Run
    {
        public StringWriter Output { get; } = new();
        public StringWriter Error { get; } = new();
        public int Connections { get; private set; }

        public async Task<int> ExecuteAsync(params string[] args)
        {
            var hallctl = new HallCtl(VerbCatalog.All(), (_, _, _) =>
            {
                Connections++;
                throw new InvalidOperationException("no cluster in this test");
            }, new StringReader(""), Output, Error);
            return await hallctl.RunAsync(args, CancellationToken.None);
        }

        public string[] ErrorLines => Error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Theory]
    [InlineData(new[] { "hall", "add", "--hall", "zhenhai", "--name", "镇海营业厅" }, "missing required option '--region ID' for 'hallctl hall add'; see 'hallctl hall add --help'")]
    [InlineData(new[] { "hall", "add", "--hall", "zhen hai", "--name", "n", "--region", "r" }, "option '--hall': expected an id of 1-64 letters, digits or '-', '_', '.', ':', '@', got 'zhen hai'")]
    [InlineData(new[] { "hall", "add", "--hall", "zhen#hai", "--name", "n", "--region", "r" }, "option '--hall': expected an id of 1-64 letters, digits or '-', '_', '.', ':', '@', got 'zhen#hai'")]
    [InlineData(new[] { "hall", "add", "--hall", "Audit:zhenhai", "--name", "n", "--region", "r" }, "option '--hall': ids starting with 'audit:' are reserved for the event log's own streams, got 'Audit:zhenhai'")]
    [InlineData(new[] { "queue", "issue", "--hall", "h", "--type", "bill payment" }, "option '--type': expected an id of 1-64 letters, digits or '-', '_', '.', ':', '@', got 'bill payment'")]
    [InlineData(new[] { "hall", "add", "--hall", "h", "--name", "n", "--region", "r", "--capacity", "-5" }, "option '--capacity': expected a whole number from 1 to 10000, got '-5'")]
    [InlineData(new[] { "hall", "add", "--hall", "h", "--name", "n", "--region", "r", "--counters", "C1,,C2" }, "option '--counters': expected a comma-separated list without empty items, got 'C1,,C2'")]
    [InlineData(new[] { "hall", "add", "--hall", "h", "--name", "n", "--region", "r", "--counters", "C1,C1" }, "option '--counters': items must be distinct, got 'C1,C1'")]
    [InlineData(new[] { "hall", "add", "--hall", "h", "--hall", "g", "--name", "n", "--region", "r" }, "option '--hall' was given more than once; give it once")]
    [InlineData(new[] { "hall", "add", "--hall", "h", "--colour", "red" }, "unknown option '--colour' for 'hallctl hall add'; see 'hallctl hall add --help'")]
    [InlineData(new[] { "hall", "add", "stray" }, "unexpected argument 'stray' for 'hallctl hall add': options start with '--'; see 'hallctl hall add --help'")]
    [InlineData(new[] { "hall", "add", "--hall" }, "option '--hall' needs a value: --hall ID")]
    [InlineData(new[] { "hall" }, "'hallctl hall' needs a sub-command, one of: add, status; got nothing")]
    [InlineData(new[] { "queue", "promote" }, "'hallctl queue' needs a sub-command, one of: issue, call, start, complete, noshow, status, open, close; got 'promote'")]
    [InlineData(new[] { "teleport" }, "unknown command 'teleport': expected one of hall, staff, customer, idreader, verify, audit, appointment, queue, sensor, kiosk, handheld, device, camera, simulate, vision, bench, analytics, users, keys; see 'hallctl --help'")]
    [InlineData(new[] { "staff", "add", "--hall", "h", "--staff", "s", "--name", "n", "--role", "boss" }, "option '--role': expected one of counter-clerk, floating-guide, account-manager, hall-manager, got 'boss'")]
    [InlineData(new[] { "sensor", "--hall", "h", "--device", "d", "--once" }, "'--once' needs '--in N' and/or '--out N' with at least one person")]
    [InlineData(new[] { "sensor", "--hall", "h", "--device", "d", "--in", "3" }, "'--in' and '--out' only apply with '--once'; without it, write 'in N' / 'out N' lines to stdin")]
    [InlineData(new[] { "sensor", "--hall", "h", "--device", "d", "--once", "--in", "2000" }, "option '--in': expected a whole number from 0 to 1000, got '2000'")]
    [InlineData(new[] { "sensor", "--hall", "h", "--device", "d", "--simulate", "--once", "--in", "1" }, "'--once' and '--simulate' cannot be combined")]
    [InlineData(new[] { "sensor", "--hall", "h", "--device", "d", "--once=yes" }, "option '--once' is a flag and takes no value, got 'yes'")]
    [InlineData(new[] { "kiosk", "--hall", "h", "--device", "d", "--rate", "5" }, "options '--rate' and '--seed' only apply with '--simulate'")]
    [InlineData(new[] { "camera", "--hall", "h", "--camera", "c", "--source", "/no/such/file.avi" }, "option '--source': '/no/such/file.avi' does not exist; expected a folder of JPEGs or a video file")]
    [InlineData(new[] { "camera", "--hall", "h", "--camera", "c", "--source", "/tmp", "--fps", "0" }, "option '--fps': expected a number from 0.1 to 60, got '0'")]
    [InlineData(new[] { "simulate", "--halls", "0" }, "option '--halls': expected a whole number from 1 to 50, got '0'")]
    [InlineData(new[] { "simulate", "--speed", "fast" }, "option '--speed': expected a number from 0.01 to 100000, got 'fast'")]
    [InlineData(new[] { "simulate", "--start", "tomorrow-ish" }, "option '--start': expected a local date and time like 2026-11-30T09:00, got 'tomorrow-ish'")]
    [InlineData(new[] { "analytics", "erlang", "--handle-seconds", "180" }, "option '--arrivals-per-hour' is required; see 'hallctl analytics erlang --help'")]
    [InlineData(new[] { "analytics", "erlang", "--arrivals-per-hour", "10", "--handle-seconds", "0" }, "option '--handle-seconds': expected a number from 0.001 to 86400, got '0'")]
    [InlineData(new[] { "analytics", "erlang", "--arrivals-per-hour", "10", "--handle-seconds", "60", "--service-level", "80" }, "option '--service-level': expected a number from 0.0001 to 0.9999, got '80'")]
    [InlineData(new[] { "analytics", "backtest", "--hall", "h", "--metric", "visitors" }, "option '--metric': expected one of entries, tickets, got 'visitors'")]
    [InlineData(new[] { "analytics", "staffing", "--hall", "h", "--day", "monday" }, "option '--day': expected a date like 2026-12-01, got 'monday'")]
    [InlineData(new[] { "device", "consumable", "--hall", "h", "--device", "k", "--item", "paper", "--level", "1.5" }, "option '--level': expected a number from 0 to 1, got '1.5'")]
    [InlineData(new[] { "device", "repair", "--hall", "h", "--device", "k" }, "missing required option '--by STAFF' for 'hallctl device repair'; see 'hallctl device repair --help'")]
    [InlineData(new[] { "customer", "consent", "--customer", "c1", "--staff", "s1", "--scope", "recognition,marketing" }, "option '--scope': expected recognition and/or certificate-free, got 'marketing'")]
    [InlineData(new[] { "simulate", "--history", "0" }, "option '--history': expected a whole number from 1 to 104, got '0'")]
    [InlineData(new[] { "queue", "issue", "--hall", "h", "--type", "bill-payment", "--gateway", "localhost" }, "option '--gateway': expected HOST:PORT with a port from 1 to 65535, got 'localhost'")]
    public async Task Bad_arguments_fail_with_one_line_and_exit_code_2_before_connecting(string[] args, string message)
    {
        var run = new Run();

        var exit = await run.ExecuteAsync(args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal([$"hallctl: {message}"], run.ErrorLines);
        Assert.Equal("", run.Output.ToString());
        Assert.Equal(0, run.Connections);
    }

    [Fact]
    public async Task Erlang_c_prints_the_fewest_counters_meeting_the_target_as_json_without_a_cluster()
    {
        var run = new Run();

        var exit = await run.ExecuteAsync("analytics", "erlang", "--arrivals-per-hour", "200", "--handle-seconds", "180",
            "--target-seconds", "20", "--service-level", "0.8", "--json");

        Assert.True(exit == ExitCodes.Ok, run.Error.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(run.Output.ToString());
        Assert.Equal(14, json.RootElement.GetProperty("counters").GetInt32());
        Assert.Equal(0.8884, json.RootElement.GetProperty("service_level").GetDouble(), 4);
        Assert.Equal(10 / 14.0, json.RootElement.GetProperty("occupancy").GetDouble(), 4);
        Assert.Equal(0, run.Connections);
    }

    [Fact]
    public async Task Every_verb_has_help_listing_its_options()
    {
        foreach (var verb in VerbCatalog.All())
        {
            var run = new Run();

            var exit = await run.ExecuteAsync([.. verb.CommandPath.Split(' '), "--help"]);

            Assert.Equal(ExitCodes.Ok, exit);
            var help = run.Output.ToString();
            // Verbs that take files name them before the options: "Usage: hallctl vision compare IMAGE_A IMAGE_B [options]".
            Assert.StartsWith($"Usage: hallctl {verb.CommandPath} ", help);
            Assert.Contains("[options]", help.Split('\n')[0]);
            Assert.All(verb.Options, o => Assert.Contains(o.Name, help));
            Assert.Contains("Example: hallctl", help.Replace("printf", "hallctl", StringComparison.Ordinal));
            Assert.Equal(0, run.Connections);
        }
    }

    [Fact]
    public async Task Help_is_printed_even_when_other_options_are_wrong()
    {
        var run = new Run();

        var exit = await run.ExecuteAsync("queue", "call", "--help", "--counter");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("Calls the next ticket to a counter.", run.Output.ToString());
    }

    [Fact]
    public async Task Without_a_command_the_usage_goes_to_stderr_with_exit_code_2()
    {
        var run = new Run();

        var exit = await run.ExecuteAsync();

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("simulate", run.Error.ToString());
    }

    [Fact]
    public async Task Top_level_help_lists_every_verb()
    {
        var run = new Run();

        var exit = await run.ExecuteAsync("--help");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.All(VerbCatalog.All(), v => Assert.Contains(v.CommandPath, run.Output.ToString()));
    }

    [Fact]
    public async Task Valid_arguments_reach_the_cluster_connection()
    {
        var run = new Run();

        var exit = await run.ExecuteAsync("queue", "status", "--hall", "zhenhai", "--gateway", "127.0.0.1:30000");

        Assert.Equal(1, run.Connections);
        Assert.Equal(ExitCodes.Unreachable, exit);
        Assert.Equal(["hallctl: InvalidOperationException: no cluster in this test"], run.ErrorLines);
    }
}
