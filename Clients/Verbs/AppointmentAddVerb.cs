using System.CommandLine;
using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Customer;

namespace OrleansHall.Clients.Verbs;

/// <summary>Books a customer's visit at a hall, optionally with their account manager.</summary>
public sealed class AppointmentAddVerb() : Verb(
    "appointment add",
    "Books a visit: hall, local time, business type (one the hall handles) and optionally the account manager who will see the customer. " +
    "When the customer is recognised within 3 hours before to 2 hours after that time, the account manager gets the strategy card first.",
    "hallctl appointment add --customer 3302010001 --hall zhenhai --at 2026-12-02T10:30 --business new-connection --staff zhenhai-manager",
    [Customer, Hall, At, Business, Staff, By, Json],
    ConnectionOptions.All)
{
    private static readonly Option<string> Customer = HallCtlOption.Id("--customer", "Customer id.", required: true);
    private static readonly Option<string> Hall = HallCtlOption.Id("--hall", "Hall id.", required: true);
    private static readonly Option<DateTimeOffset?> At = HallCtlOption.LocalTime("--at", "When, e.g. 2026-12-02T10:30 (at most an hour past, a year ahead).", required: true);
    private static readonly Option<string> Business = HallCtlOption.Id("--business", "Business type, e.g. new-connection.", required: true, valueName: "TYPE");
    private static readonly Option<string> Staff = HallCtlOption.Id("--staff", "The account manager (a staff member of the hall).", valueName: "ACCOUNT_MANAGER");
    private static readonly Option<string> By = HallCtlOption.Id("--by", "Who booked it (default: hallctl).");
    private static readonly Option<bool> Json = HallCtlOption.Flag("--json", "Print the appointment as one line of JSON.");

    public override async Task<int> RunAsync(ParseResult args, VerbContext context)
    {
        var appointment = await context.Grains.GetGrain<ICustomerGrain>(args.GetRequiredValue(Customer)).AddAppointmentAsync(
            args.GetRequiredValue(Hall), args.GetValue(At)!.Value, args.GetRequiredValue(Business), args.GetValue(Staff), args.GetValue(By) ?? "hallctl");
        context.Output.WriteLine(args.GetValue(Json)
            ? JsonSerializer.Serialize(appointment, JsonOutput.Options)
            : $"appointment {appointment.Id} booked: {appointment.At.ToLocalTime():yyyy-MM-dd HH:mm} at {appointment.HallId} for {appointment.BusinessType}" +
              (appointment.AccountManagerId is { } m ? $" with {m}" : ""));
        return ExitCodes.Ok;
    }
}
