namespace OrleansHall.Web;

/// <summary>Marker for the console's strings in Resources/SharedResource*.resx.</summary>
public sealed class SharedResource;
