using System.Collections.Immutable;

namespace OrleansHall.Hall;

/// <summary>
/// Person-seconds per floor cell today, over the hall's floor plan divided into <paramref name="Columns"/> x
/// <paramref name="Rows"/> cells; row-major, row 0 at the top of the plan.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HeatMap(
    [property: Id(0)] int Columns,
    [property: Id(1)] int Rows,
    [property: Id(2)] ImmutableArray<double> DwellSeconds)
{
    public const int DefaultColumns = 32;
    public const int DefaultRows = 20;

    public static HeatMap Empty { get; } = new(DefaultColumns, DefaultRows, [.. new double[DefaultColumns * DefaultRows]]);
}
