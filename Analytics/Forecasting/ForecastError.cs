namespace OrleansHall.Analytics.Forecasting;

public static class ForecastError
{
    /// <summary>
    /// Mean absolute percentage error over the slots with arrivals (a closed or empty slot has no percentage);
    /// as a fraction (0.25 is 25 %). Returns the slots it was taken over too.
    /// </summary>
    public static (double Mape, int Slots) Mape(IReadOnlyList<double> actual, IReadOnlyList<double> forecast)
    {
        if (actual.Count != forecast.Count)
        {
            throw new ArgumentException($"Actual and forecast differ in length ({actual.Count} vs {forecast.Count}).");
        }

        var sum = 0.0;
        var slots = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i] > 0)
            {
                sum += Math.Abs(actual[i] - forecast[i]) / actual[i];
                slots++;
            }
        }

        return (slots == 0 ? 0 : sum / slots, slots);
    }
}
