namespace OrleansHall.Grains;

/// <summary>Names the silo registers providers under and the grains ask for.</summary>
public static class StorageNames
{
    /// <summary>The grain storage every grain's state goes through (ADO.NET behind a fault-translating wrapper).</summary>
    public const string Grains = "orleanshall";

    /// <summary>The ADO.NET storage itself; grains never name it.</summary>
    public const string AdoNet = "orleanshall-adonet";
}
