namespace OrleansHall.Analytics.Forecasting;

/// <summary>Both forecasts' error on the held-out last full week.</summary>
public sealed record BacktestResult(double HoltWintersMape, double SeasonalNaiveMape, int Slots, HoltWintersParameters Parameters);

public static class Backtest
{
    /// <summary>
    /// Holds out the last week of <paramref name="series"/> (whole weeks, at least three), fits Holt-Winters on the
    /// weeks before it and nothing else, and scores both forecasts of the held-out week against what happened.
    /// </summary>
    public static BacktestResult LastWeek(IReadOnlyList<double> series)
    {
        if (series.Count < 3 * Slots.PerWeek || series.Count % Slots.PerWeek != 0)
        {
            throw new ArgumentException($"A backtest needs whole weeks, at least three ({3 * Slots.PerWeek} slots); got {series.Count}.", nameof(series));
        }

        var training = series.Take(series.Count - Slots.PerWeek).ToArray();
        var heldOut = series.Skip(training.Length).ToArray();
        var model = HoltWinters.Fit(training);
        var (hw, slots) = ForecastError.Mape(heldOut, model.Forecast(Slots.PerWeek));
        var (naive, _) = ForecastError.Mape(heldOut, SeasonalNaive.Forecast(training, Slots.PerWeek));
        return new BacktestResult(hw, naive, slots, model.Parameters);
    }
}
