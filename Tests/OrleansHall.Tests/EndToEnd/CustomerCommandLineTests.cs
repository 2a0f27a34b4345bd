using System.Text.Json;
using OrleansHall.Tests.Infrastructure;
using OrleansHall.Tests.Silo;

namespace OrleansHall.Tests.EndToEnd;

/// <summary>
/// A customer's behaviour through real processes: a silo, a kiosk agent fed transactions by a signed-in customer
/// on stdin, tickets issued and called with `hallctl queue`, and `hallctl customer show` reading back the visits
/// and the tags they suggest.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CustomerCommandLineTests(PostgresServer postgres)
{
    [Fact]
    public async Task Kiosk_use_and_tickets_reach_the_customer_customer_show_suggests_the_kiosk_user_tag_and_customer_erase_removes_them()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var ports = FreePorts.Take(3);
        var silo = SiloProcess.Start(connectionString, ports);
        var hallctl = new HallCtlRuns(connectionString);
        try
        {
            await SiloProcess.WaitHealthyAsync(silo, ports[2]);
            await hallctl.RunAsync(0, "hall", "add", "--hall", "kh", "--name", "自助厅", "--region", "kh-region", "--counters", "C1");
            await hallctl.RunAsync(0, "customer", "add", "--hall", "kh", "--customer", "kh-1", "--name", "赵敏");

            await using (var kiosk = new ChildProcess("dotnet", [Repository.HallCtl, "kiosk", "--hall", "kh", "--device", "kiosk-1", "--db", connectionString]))
            {
                foreach (var line in new[] { "use bill-payment ok kh-1", "use invoice ok kh-1", "use bill-payment fail kh-1", "use bill-payment ok kh-1", "use bill-payment ok nobody-1" })
                {
                    await kiosk.WriteLineAsync(line);
                }

                kiosk.CloseInput();
                var exit = await kiosk.WaitForExitAsync(TimeSpan.FromSeconds(90));
                hallctl.Add("hallctl kiosk", exit, kiosk.Output);
                // The unknown customer's transaction is refused with the reason, the others delivered; the exit code says one was refused.
                Assert.Equal(1, exit);
                Assert.Contains("Unknown customer 'nobody-1'", kiosk.Output);
                Assert.Contains("sent 4 refused 1", kiosk.Output);
            }

            await hallctl.RunAsync(0, "queue", "issue", "--hall", "kh", "--type", "bill-payment", "--customer", "kh-1");
            await hallctl.RunAsync(0, "queue", "call", "--hall", "kh", "--counter", "C1");
            var shown = await hallctl.RunAsync(0, "customer", "show", "--customer", "kh-1", "--json");
            var text = await hallctl.RunAsync(0, "customer", "show", "--customer", "kh-1");

            var json = JsonDocument.Parse(shown.Split('\n').Last(l => l.TrimStart().StartsWith('{'))).RootElement;
            var kinds = json.GetProperty("visits").EnumerateArray().Select(v => v.GetProperty("kind").GetString()).ToList();
            Assert.Equal(3, kinds.Count(k => k == "kiosk"));
            Assert.Equal(1, kinds.Count(k => k == "ticket"));
            var ticket = json.GetProperty("visits").EnumerateArray().Single(v => v.GetProperty("kind").GetString() == "ticket");
            Assert.True(ticket.GetProperty("waitMinutes").GetDouble() >= 0, shown);
            Assert.Equal(["kiosk-user"], json.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("tag").GetString()));
            Assert.Contains("suggested tag kiosk-user: Served themselves at a kiosk 3 times", text);

            // The customer's erasure request: refused without --yes (nothing erased), then carried out.
            var unconfirmed = await hallctl.RunAsync(2, "customer", "erase", "--customer", "kh-1", "--by", "kh-manager");
            await hallctl.RunAsync(0, "customer", "show", "--customer", "kh-1");
            var erased = await hallctl.RunAsync(0, "customer", "erase", "--customer", "kh-1", "--by", "kh-manager", "--yes");
            var gone = await hallctl.RunAsync(1, "customer", "show", "--customer", "kh-1");

            Assert.Contains("cannot be undone: add --yes", unconfirmed);
            var report = JsonDocument.Parse(erased.Split('\n').Last(l => l.TrimStart().StartsWith('{'))).RootElement;
            Assert.Equal((4, false), (report.GetProperty("visits").GetInt32(), report.GetProperty("face_template").GetBoolean()));
            Assert.Contains("Unknown customer 'kh-1'", gone);
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- commands ---\n{hallctl}\n--- silo ---\n{silo.Output}");
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }
}
