namespace OrleansHall.Grains;

/// <summary>Names the silo registers providers under and the grains ask for.</summary>
public static class StorageNames
{
    /// <summary>ADO.NET grain storage holding every grain's state.</summary>
    public const string Grains = "orleanshall";
}
