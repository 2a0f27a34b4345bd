using System.Net;
using System.Net.Sockets;

namespace OrleansHall.TestSupport;

public static class FreePorts
{
    /// <summary>Distinct loopback ports that were free a moment ago; every listener stays open until all are chosen.</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
