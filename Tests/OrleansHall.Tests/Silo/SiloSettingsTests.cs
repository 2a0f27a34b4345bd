using System.Net;
using Microsoft.Extensions.Configuration;
using OrleansHall.Silo;

namespace OrleansHall.Tests.Silo;

public sealed class SiloSettingsTests
{
    [Fact]
    public void Without_configuration_a_silo_joins_the_local_single_machine_cluster()
    {
        var settings = SiloSettings.FromConfiguration(Configuration());

        Assert.Equal("Host=127.0.0.1;Port=55432;Username=orleanshall_app;Database=orleanshall", settings.ConnectionString);
        Assert.Null(settings.MigrationConnectionString);
        Assert.Equal(("orleanshall", "orleanshall"), (settings.ClusterId, settings.ServiceId));
        Assert.Equal((11111, 30000, 8080), (settings.SiloPort, settings.GatewayPort, settings.HttpPort));
        Assert.Equal(IPAddress.Loopback, settings.AdvertisedIP);
        Assert.True(settings.Dashboard);
    }

    [Fact]
    public void Configured_values_override_the_defaults()
    {
        var settings = SiloSettings.FromConfiguration(Configuration(
            ("ConnectionStrings:Orleans", "Host=db;Database=x"),
            ("Orleans:ClusterId", "east"),
            ("Silo:AdvertisedIP", "10.0.0.21"),
            ("Silo:SiloPort", "11112"),
            ("Silo:GatewayPort", "30001"),
            ("Silo:Dashboard", "false")));

        Assert.Equal("Host=db;Database=x", settings.ConnectionString);
        Assert.Equal("east", settings.ClusterId);
        Assert.Equal(IPAddress.Parse("10.0.0.21"), settings.AdvertisedIP);
        Assert.Equal((11112, 30001), (settings.SiloPort, settings.GatewayPort));
        Assert.False(settings.Dashboard);
    }

    [Theory]
    [InlineData("Silo:SiloPort", "eleven", "Silo:SiloPort 'eleven' is not a TCP port")]
    [InlineData("Silo:GatewayPort", "70000", "Silo:GatewayPort '70000' is not a TCP port")]
    [InlineData("Silo:AdvertisedIP", "hall-server", "Silo:AdvertisedIP 'hall-server' is not an IP address")]
    [InlineData("Silo:Dashboard", "yes", "Silo:Dashboard 'yes' is not a boolean")]
    [InlineData("Silo:GatewayPort", "11111", "must be three different ports")]
    [InlineData("Tls:Certificate", "/etc/orleanshall/silo-1.crt", "Tls:Certificate, Tls:Key and Tls:Ca go together")]
    public void Bad_settings_are_rejected_naming_the_key_and_the_value(string key, string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => SiloSettings.FromConfiguration(Configuration((key, value))));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Tls_is_off_unless_its_files_are_named_and_then_all_are_kept()
    {
        Assert.Null(SiloSettings.FromConfiguration(Configuration()).Tls);
        var tls = SiloSettings.FromConfiguration(Configuration(("Tls:Certificate", "/p/silo-1.crt"), ("Tls:Key", "/p/silo-1.key"), ("Tls:Ca", "/p/ca.crt"), ("Tls:Revoked", "/p/revoked.txt"))).Tls;

        Assert.Equal(new OrleansHall.Security.ClusterTlsFiles("/p/silo-1.crt", "/p/silo-1.key", "/p/ca.crt", "/p/revoked.txt"), tls);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
