namespace OrleansHall.Analytics.Demand;

/// <summary>The business types of a power-utility service hall and how often customers come for each.</summary>
public static class BusinessTypes
{
    public const string BillPayment = "bill-payment";
    public const string NewConnection = "new-connection";
    public const string MeterIssue = "meter-issue";
    public const string Invoice = "invoice";
    public const string AccountChange = "account-change";

    public static IReadOnlyList<string> All { get; } = [BillPayment, NewConnection, MeterIssue, Invoice, AccountChange];

    public static IReadOnlyList<(string Type, double Weight)> Mix { get; } =
    [
        (BillPayment, 0.40),
        (NewConnection, 0.10),
        (MeterIssue, 0.20),
        (Invoice, 0.15),
        (AccountChange, 0.15),
    ];

    public static string Pick(Random random)
    {
        var total = Mix.Sum(m => m.Weight);
        var draw = random.NextDouble() * total;
        foreach (var (type, weight) in Mix)
        {
            draw -= weight;
            if (draw < 0)
            {
                return type;
            }
        }

        return Mix[^1].Type;
    }
}
