using System.Text.Json;
using OrleansHall.Clients.Cli;
using OrleansHall.Clients.Cluster;
using OrleansHall.Customer;

namespace OrleansHall.Clients.Verbs;

/// <summary>Books a customer's visit at a hall, optionally with their account manager.</summary>
public sealed class AppointmentAddVerb : IVerb
{
    public VerbSpec Spec { get; } = new(
        "appointment add",
        "Books a visit: hall, local time, business type (one the hall handles) and optionally the account manager who will see the customer. " +
        "When the customer is recognised within 3 hours before to 2 hours after that time, the account manager gets the strategy card first.",
        [
            OptionSpec.Value("--customer", "ID", "Customer id.", required: true),
            OptionSpec.Value("--hall", "ID", "Hall id.", required: true),
            OptionSpec.Value("--at", "LOCAL_TIME", "When, e.g. 2026-12-02T10:30 (at most an hour past, a year ahead).", required: true),
            OptionSpec.Value("--business", "TYPE", "Business type, e.g. new-connection.", required: true),
            OptionSpec.Value("--staff", "ACCOUNT_MANAGER", "The account manager (a staff member of the hall)."),
            OptionSpec.Value("--by", "ID", "Who booked it (default: hallctl)."),
            OptionSpec.Flag("--json", "Print the appointment as one line of JSON."),
            .. ClusterSettings.Options,
        ],
        "hallctl appointment add --customer 3302010001 --hall zhenhai --at 2026-12-02T10:30 --business new-connection --staff zhenhai-manager");

    public bool LongRunning => false;

    public void Validate(ParsedArgs args)
    {
        args.RequireId("--customer");
        args.RequireId("--hall");
        args.Require("--business");
        args.GetId("--staff");
        args.GetId("--by");
        _ = args.GetLocalTime("--at") ?? throw new UsageException("option '--at' is required");
    }

    public async Task<int> RunAsync(ParsedArgs args, VerbContext context)
    {
        var appointment = await context.Grains.GetGrain<ICustomerGrain>(args.RequireId("--customer")).AddAppointmentAsync(
            args.RequireId("--hall"), args.GetLocalTime("--at")!.Value, args.Require("--business"), args.GetId("--staff"), args.GetId("--by") ?? "hallctl");
        context.Output.WriteLine(args.Has("--json")
            ? JsonSerializer.Serialize(appointment, JsonOutput.Options)
            : $"appointment {appointment.Id} booked: {appointment.At.ToLocalTime():yyyy-MM-dd HH:mm} at {appointment.HallId} for {appointment.BusinessType}" +
              (appointment.AccountManagerId is { } m ? $" with {m}" : ""));
        return ExitCodes.Ok;
    }
}
