using CsvHelper;

namespace OrleansHall.Web.Services;

/// <summary>One 15-minute slot of a hall's daily report as a CSV row.</summary>
[CsvRecord]
public sealed partial class ReportCsvRow
{
    public string Slot { get; set; } = "";

    public int Entries { get; set; }

    public int Exits { get; set; }

    public int PeakOccupancy { get; set; }

    public int TicketsIssued { get; set; }

    public int Served { get; set; }

    public int NoShows { get; set; }

    public double? MeanWaitMinutes { get; set; }

    public double? WaitP90Minutes { get; set; }

    public double? ServiceLevel { get; set; }

    public double? MeanHandlingMinutes { get; set; }

    public int KioskUses { get; set; }

    public int IdReaderUses { get; set; }

    public int AlertsRaised { get; set; }
}
