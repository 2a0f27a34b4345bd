namespace OrleansHall.Clients.Cli;

public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The cluster refused the request (unknown hall or device, nobody waiting, ...).</summary>
    public const int Refused = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>The cluster could not be reached in time.</summary>
    public const int Unreachable = 3;
}
