using System.Runtime.InteropServices;
using System.Text;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Clients.Verbs;

Console.OutputEncoding = Encoding.UTF8;
using var stopping = new CancellationTokenSource();

// Cancellation callbacks (and every await continuation they release) must not run on the signal handler's thread:
// the whole shutdown, console writes included, would run inside the handler, and a run was seen to hang there.
void Stop() => ThreadPool.QueueUserWorkItem(_ => stopping.Cancel());
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Stop();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    Stop();
});

ClusterConnector connect = async (parsed, giveUpAfter, cancellationToken) =>
{
    var settings = ClusterSettings.From(parsed, Environment.GetEnvironmentVariable);
    var connection = await ClusterConnection.ConnectAsync(
        settings, giveUpAfter, message => Console.Error.WriteLine($"hallctl: {message}"), cancellationToken);
    return (connection.Grains, connection);
};

var hallctl = new HallCtl(VerbCatalog.All(), connect, Console.In, Console.Out, Console.Error);
return await hallctl.RunAsync(args, stopping.Token);
