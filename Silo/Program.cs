using OrleansHall.Grains.Storage;
using OrleansHall.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddEnvironmentVariables("ORLEANSHALL_");
// Command-line switches win over the ORLEANSHALL_ variables added just above.
builder.Configuration.AddCommandLine(args);

SiloSettings settings;
try
{
    settings = SiloSettings.FromConfiguration(builder.Configuration);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"orleanshall-silo: {ex.Message}");
    return 2;
}

// "migrate": apply the schema as the owner role (ConnectionStrings:Migrations) and exit, so the silo that starts next
// holds only the application role's login.
if (args is ["migrate", ..])
{
    try
    {
        await DatabaseSchema.ApplyAsync(settings.MigrationConnectionString ?? settings.ConnectionString);
        Console.WriteLine("orleanshall-silo: schema applied");
        return 0;
    }
    catch (DatabaseSchemaException ex)
    {
        Console.Error.WriteLine($"orleanshall-silo: {ex.Message}");
        return 1;
    }
}

WebApplication app;
try
{
    app = await SiloHost.BuildAsync(builder, settings);
}
catch (DatabaseSchemaException ex)
{
    Console.Error.WriteLine($"orleanshall-silo: {ex.Message}");
    return 1;
}
catch (ArgumentException ex)
{
    // A TLS file missing or unreadable.
    Console.Error.WriteLine($"orleanshall-silo: {ex.Message}");
    return 2;
}

await app.RunAsync();
return 0;
