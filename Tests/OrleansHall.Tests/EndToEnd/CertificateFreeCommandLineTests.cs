using System.Text.Json;
using OpenCvSharp;
using OrleansHall.Tests.Infrastructure;
using OrleansHall.Tests.Silo;

namespace OrleansHall.Tests.EndToEnd;

/// <summary>
/// Certificate-free service with real processes: a silo, then `hallctl customer add/consent`, `hallctl idreader`,
/// `hallctl verify` and `hallctl audit`. The ID number must appear in clear in no output: not the silo's log, not any
/// command's, not the database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CertificateFreeCommandLineTests(PostgresServer postgres, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string IdNumber = "11010519491231002X";

    [Fact]
    public async Task Idreader_verify_and_audit_work_from_the_command_line_and_the_number_is_logged_nowhere()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var ports = FreePorts.Take(3);
        var silo = SiloProcess.Start(connectionString, ports);
        var hallctl = new HallCtlRuns(connectionString);
        var outputs = hallctl.Outputs;
        try
        {
            await SiloProcess.WaitHealthyAsync(silo, ports[2]);
            var folder = Directory.CreateTempSubdirectory("orleanshall-idreader-").FullName;
            var (card, live, later, stranger) = (Path.Combine(folder, "card.jpg"), Path.Combine(folder, "live.jpg"), Path.Combine(folder, "later.jpg"), Path.Combine(folder, "stranger.jpg"));
            // Cut out by fixed boxes around the faces the detector finds in these photos (the card: sample3's middle
            // woman; live: sample1's right-hand woman, the same person; stranger: sample1's left-hand woman).
            Cut("sample3.jpg", FaceNearest("sample3.jpg", largest: true), 0.3, card);
            Cut("sample1.jpg", FaceNearest("sample1.jpg", rightmost: true), 1.0, live);
            Cut("sample1.jpg", FaceNearest("sample1.jpg", rightmost: true), 1.0, later, mirror: true);
            Cut("sample1.jpg", FaceNearest("sample1.jpg", leftmost: true), 1.0, stranger);

            await hallctl.RunAsync(0, "hall", "add", "--hall", "cf", "--name", "免证厅", "--region", "cf-region");
            await hallctl.RunAsync(0, "customer", "add", "--hall", "cf", "--customer", "cf-1", "--name", "张伟");
            // The card's name and number travel in a file or on standard input, never as arguments other users could see.
            var (cardText, badCardText) = (Path.Combine(folder, "card.json"), Path.Combine(folder, "bad-card.json"));
            await File.WriteAllTextAsync(cardText, $"{{\"name\": \"张伟\", \"idNumber\": \"{IdNumber}\"}}");
            await File.WriteAllTextAsync(badCardText, "{\"name\": \"张伟\", \"idNumber\": \"110105194912310021\"}");
            var noConsent = await hallctl.RunAsync(1, "idreader", "--hall", "cf", "--device", "reader-1", "--customer", "cf-1", "--card", cardText, "--id-photo", card, "--live-photo", live, "--json");
            await hallctl.RunAsync(0, "customer", "consent", "--customer", "cf-1", "--staff", "clerk-1", "--scope", "certificate-free");
            var captured = await IdreaderFromStandardInputAsync(hallctl, connectionString, await File.ReadAllTextAsync(cardText), "--hall", "cf", "--device", "reader-1", "--customer", "cf-1", "--id-photo", card, "--live-photo", live, "--json");
            var verified = await hallctl.RunAsync(0, "verify", "--hall", "cf", "--customer", "cf-1", "--live-photo", later, "--staff", "clerk-7", "--purpose", "change of account holder", "--json");
            var refused = await hallctl.RunAsync(1, "verify", "--hall", "cf", "--customer", "cf-1", "--live-photo", stranger, "--json");
            var audit = await hallctl.RunAsync(0, "audit", "--hall", "cf", "--days", "1");
            var badNumber = await hallctl.RunAsync(2, "idreader", "--hall", "cf", "--device", "reader-1", "--customer", "cf-1", "--card", badCardText, "--id-photo", card, "--live-photo", live);
            var noCard = await hallctl.RunAsync(2, "idreader", "--hall", "cf", "--device", "reader-1", "--customer", "cf-1", "--card", Path.Combine(folder, "missing.json"), "--id-photo", card, "--live-photo", live);

            Assert.Equal("no-consent", Json(noConsent).GetProperty("reason").GetString());
            Assert.True(Json(captured).GetProperty("captured").GetBoolean(), captured);
            var release = Json(verified);
            Assert.True(release.GetProperty("verified").GetBoolean(), verified);
            Assert.Equal("1101************2X", release.GetProperty("idNumber").GetString());
            Assert.Equal("张伟", release.GetProperty("name").GetString());
            Assert.Equal(("mismatch", false), (Json(refused).GetProperty("reason").GetString(), Json(refused).GetProperty("verified").GetBoolean()));
            Assert.Contains("document-read", audit);
            Assert.Contains("clerk-7", audit);
            Assert.Contains("change of account holder", audit);
            Assert.Contains("check character", badNumber);
            Assert.Contains("does not exist", noCard);
            output.WriteLine($"captured: {captured.Trim()}\nverified: {verified.Trim()}");

            // Nowhere in clear: every command's output, the silo's log, the database.
            var dump = await DatabaseDump.OfAsync(postgres, connectionString);
            foreach (var text in outputs.Append(silo.Output).Append(dump))
            {
                Assert.DoesNotContain(IdNumber[..17], text);
                Assert.DoesNotContain(Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(IdNumber[..17])), text, StringComparison.OrdinalIgnoreCase);
            }
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

    private static async Task<string> IdreaderFromStandardInputAsync(HallCtlRuns hallctl, string connectionString, string cardJson, params string[] args)
    {
        await using var reader = new ChildProcess("dotnet", [Repository.HallCtl, "idreader", .. args, "--db", connectionString]);
        await reader.WriteLineAsync(cardJson);
        reader.CloseInput();
        var exit = await reader.WaitForExitAsync(TimeSpan.FromSeconds(90));
        hallctl.Add("hallctl idreader (card on stdin)", exit, reader.Output);
        Assert.True(exit == 0, $"hallctl idreader with the card on standard input exited {exit}:\n{reader.Output}");
        return reader.Output;
    }

    private static JsonElement Json(string output)
        => JsonDocument.Parse(output.Split('\n').Last(l => l.TrimStart().StartsWith('{'))).RootElement.Clone();

    /// <summary>A face box found with the real detector through `hallctl vision detect` (no cluster needed).</summary>
    private static Rect FaceNearest(string photo, bool largest = false, bool rightmost = false, bool leftmost = false)
    {
        using var detect = new System.Diagnostics.Process { StartInfo = new("dotnet", [Repository.HallCtl, "vision", "detect", Repository.Media(photo), "--json"]) { RedirectStandardOutput = true } };
        detect.Start();
        var json = detect.StandardOutput.ReadToEnd();
        detect.WaitForExit();
        var faces = Json(json).GetProperty("faces").EnumerateArray()
            .Select(f => f.GetProperty("box").EnumerateArray().Select(v => (int)v.GetDouble()).ToArray())
            .Select(b => new Rect(b[0], b[1], b[2], b[3])).ToList();
        return largest ? faces.MaxBy(f => f.Width * f.Height) : rightmost ? faces.MaxBy(f => f.X) : leftmost ? faces.MinBy(f => f.X) : faces[0];
    }

    private static void Cut(string photo, Rect face, double margin, string path, bool mirror = false)
    {
        using var image = Cv2.ImRead(Repository.Media(photo));
        var box = new Rect((int)(face.X - (face.Width * margin)), (int)(face.Y - (face.Height * margin)), (int)(face.Width * (1 + (2 * margin))), (int)(face.Height * (1 + (2 * margin))))
            .Intersect(new Rect(0, 0, image.Cols, image.Rows));
        using var crop = new Mat(image, box);
        using var flipped = mirror ? crop.Flip(FlipMode.Y) : crop.Clone();
        Cv2.ImWrite(path, flipped);
    }
}
