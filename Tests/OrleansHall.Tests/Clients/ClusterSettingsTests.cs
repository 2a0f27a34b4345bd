using System.CommandLine;
using System.Net;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;

namespace OrleansHall.Tests.Clients;

public sealed class ClusterSettingsTests
{
    private static ClusterSettings Settings(string? env, params string[] args)
    {
        var probe = new Command("probe", "test verb");
        foreach (var option in ConnectionOptions.All)
        {
            probe.Options.Add(option);
        }

        var parsed = probe.Parse(args);
        Assert.Empty(parsed.Errors);
        return ClusterSettings.From(parsed, name => name == ClusterSettings.DbEnvironmentVariable ? env : null);
    }

    [Fact]
    public void Connection_string_comes_from_the_option_then_the_environment_and_without_either_no_database_login_is_held()
    {
        Assert.Equal("Host=a", Settings("Host=env", "--db", "Host=a").ConnectionString);
        Assert.Equal("Host=env", Settings("Host=env").ConnectionString);
        Assert.Empty(Settings("Host=env").Gateways);
        Assert.Null(Settings(null).ConnectionString);
        Assert.Equal([ClusterSettings.DefaultGateway], Settings(null).Gateways);
        Assert.Null(Settings(null, "--gateway", "127.0.0.1:30001").ConnectionString);
    }

    [Fact]
    public void Gateways_are_parsed_and_repeatable()
    {
        var settings = Settings(null, "--gateway", "127.0.0.1:30000", "--gateway=127.0.0.1:30001");

        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 30000), new IPEndPoint(IPAddress.Loopback, 30001)], settings.Gateways);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:http")]
    public void A_bad_gateway_names_the_expected_form(string gateway)
    {
        var error = Assert.Throws<UsageException>(() => Settings(null, "--gateway", gateway));
        Assert.Equal($"option '--gateway': expected HOST:PORT with a port from 1 to 65535, got '{gateway}'", error.Message);
    }

    [Fact]
    public void A_certificate_brings_its_key_and_the_ca_beside_it_unless_named_and_none_turns_tls_off()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pki");
        var beside = Settings(null, "--cert", Path.Combine(folder, "kiosk.crt")).Tls!;
        var named = Settings(null, "--cert", "/a/kiosk.crt", "--key", "/b/kiosk.pem", "--ca", "/c/root.crt").Tls!;

        Assert.Equal((Path.Combine(folder, "kiosk.key"), Path.Combine(folder, "ca.crt"), Path.Combine(folder, "revoked.txt")), (beside.Key, beside.Authority, beside.RevocationList));
        Assert.Equal(("/b/kiosk.pem", "/c/root.crt", "/c/revoked.txt"), (named.Key, named.Authority, named.RevocationList));
        Assert.Null(Settings(null, "--cert", "none").Tls);
        Assert.Null(Settings(null, "--cert", "NONE", "--gateway", "127.0.0.1:30000").Tls);
    }
}
