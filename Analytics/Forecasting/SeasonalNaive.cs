namespace OrleansHall.Analytics.Forecasting;

/// <summary>The forecast to beat: each slot of the coming week is what the same slot did last week.</summary>
public static class SeasonalNaive
{
    public static double[] Forecast(IReadOnlyList<double> history, int horizon)
    {
        if (history.Count < Slots.PerWeek || horizon > Slots.PerWeek)
        {
            throw new ArgumentException($"Seasonal-naive needs a week of history ({Slots.PerWeek} slots) and forecasts at most a week; got {history.Count} and {horizon}.");
        }

        var start = history.Count - Slots.PerWeek;
        return [.. Enumerable.Range(0, horizon).Select(h => history[start + h])];
    }
}
