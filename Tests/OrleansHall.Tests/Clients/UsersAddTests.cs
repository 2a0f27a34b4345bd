using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Verbs;

namespace OrleansHall.Tests.Clients;

/// <summary>`hallctl users add`: console users are stored with a password hash only, in a file only its owner reads.</summary>
public sealed class UsersAddTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("orleanshall-users-");

    private string File => Path.Combine(_directory.FullName, "users.json");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task A_user_is_written_with_a_hash_the_console_verifies_and_never_the_password()
    {
        var (exit, _, error) = await RunAsync("s3cret-pass\n", "users", "add", "--file", File, "--name", "zhenhai", "--role", "HallManager", "--hall", "zhenhai");
        Assert.True(exit == ExitCodes.Ok, error);
        await RunAsync("other-pass-1\n", "users", "add", "--file", File, "--name", "auditor", "--role", "Auditor");

        var text = await System.IO.File.ReadAllTextAsync(File);
        Assert.DoesNotContain("s3cret-pass", text);
        var users = JsonDocument.Parse(text).RootElement.GetProperty("OrleansHall").GetProperty("Users");
        var manager = users.GetProperty("zhenhai");
        Assert.Equal(("HallManager", "zhenhai"), (manager.GetProperty("Role").GetString(), manager.GetProperty("HallId").GetString()));
        var hasher = new PasswordHasher<object>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new object(), manager.GetProperty("PasswordHash").GetString()!, "s3cret-pass"));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new object(), manager.GetProperty("PasswordHash").GetString()!, "s3cret-pasS"));
        Assert.Equal("Auditor", users.GetProperty("auditor").GetProperty("Role").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(File));
        }
    }

    [Theory]
    [InlineData("", new[] { "--name", "x", "--role", "RegionalOperator" }, "expected the password (8 characters or more) on the first line of stdin")]
    [InlineData("long-enough\n", new[] { "--name", "x", "--role", "Staff" }, "option '--hall' is required for role Staff")]
    [InlineData("long-enough\n", new[] { "--name", "x y", "--role", "Staff", "--hall", "h" }, "option '--name': expected an id of 1-64 letters, digits or '-', '_', '.', ':', '@', got 'x y'")]
    public async Task Bad_input_is_refused_with_the_reason_and_writes_nothing(string stdin, string[] args, string message)
    {
        var (exit, _, error) = await RunAsync(stdin, ["users", "add", "--file", File, .. args]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal($"hallctl: {message}", error.Trim());
        Assert.False(System.IO.File.Exists(File));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string stdin, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var hallctl = new HallCtl(VerbCatalog.All(), (_, _, _) => throw new InvalidOperationException("no cluster in this test"), new StringReader(stdin), output, error);
        var exit = await hallctl.RunAsync(args, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
