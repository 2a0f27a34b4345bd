using CsvHelper;

namespace OrleansHall.Web.Services;

/// <summary>One 15-minute slot of a staffing plan as a CSV row (CsvHelper writes the mapping at compile time).</summary>
[CsvRecord]
public sealed partial class StaffingCsvRow
{
    public string Slot { get; set; } = "";

    public double TicketsPerHour { get; set; }

    public int ErlangC { get; set; }

    public int CountersNeeded { get; set; }

    public int Rostered { get; set; }

    public double SimulatedServiceLevel { get; set; }
}
