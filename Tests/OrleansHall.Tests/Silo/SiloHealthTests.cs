using System.Net;
using System.Text.Json;

namespace OrleansHall.Tests.Silo;

/// <summary>
/// The silo's health checks on a PostgreSQL of this test's own, which it stops: anyone learns only the overall status,
/// the Ops users each check, and no answer carries the database's address or login.
/// </summary>
public sealed class SiloHealthTests
{
    [Fact]
    public async Task Readiness_is_healthy_then_unhealthy_while_postgresql_is_down_and_details_are_for_ops_only()
    {
        var users = Path.Combine(Directory.CreateTempSubdirectory("orleanshall-users-").FullName, "users.json");
        await SiloClusterTests.AddUserAsync(users, "ops-1", "Ops", "correct-horse-1");
        var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        InProcessSilo? silo = null;
        try
        {
            silo = await InProcessSilo.StartAsync(await postgres.CreateDatabaseAsync(), $"health-{Guid.NewGuid():N}"[..17], dashboardUsers: users);
            using var http = new HttpClient { BaseAddress = silo.HttpAddress };
            var ready = await http.GetAsync("/healthz/ready");
            var anonymousDetails = await http.GetAsync("/healthz/details");
            var details = await DetailsAsync(http);

            await postgres.StopAsync();
            HttpResponseMessage down;
            JsonElement downDetails;
            try
            {
                down = await http.GetAsync("/healthz/ready");
                downDetails = await DetailsAsync(http);
            }
            finally
            {
                await postgres.StartAgainAsync();
            }

            Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
            Assert.Equal(HttpStatusCode.Unauthorized, anonymousDetails.StatusCode);
            Assert.Equal(["biometric-key", "membership", "models", "postgresql"], Checks(details).Keys.Order());
            Assert.All(Checks(details).Values, status => Assert.Equal("Healthy", status));
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (down.StatusCode, await down.Content.ReadAsStringAsync()));
            Assert.Equal("Unhealthy", Checks(downDetails)["postgresql"]);
            var text = downDetails.ToString();
            Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
            Assert.DoesNotContain("orleanshall_app", text, StringComparison.Ordinal);
            Assert.DoesNotContain(postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        }
        finally
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }

            await postgres.DisposeAsync();
        }
    }

    private static async Task<JsonElement> DetailsAsync(HttpClient http)
    {
        using var response = await SiloClusterTests.GetAsync(http, "/healthz/details", "ops-1", "correct-horse-1");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static Dictionary<string, string> Checks(JsonElement details)
        => details.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
}
