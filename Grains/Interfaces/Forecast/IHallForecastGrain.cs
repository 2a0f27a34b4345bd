namespace OrleansHall.Forecast;

/// <summary>
/// A hall's flow forecast (keyed by hall id): Holt-Winters with daily and weekly seasons on its 15-minute history,
/// refitted every night and kept, so the console and the staffing plan read the same numbers.
/// </summary>
public interface IHallForecastGrain : IGrainWithStringKey
{
    /// <summary>The forecast of a local day within the week after the last fit (refitted first if the fit is from before today).</summary>
    Task<DayForecast> GetDayAsync(DateOnly day, ForecastMetric metric);

    /// <summary>Refits both metrics now on up to eight whole weeks before today; returns the weeks used.</summary>
    Task<int> RefitAsync();

    /// <summary>Holds out the last whole week before today and scores Holt-Winters and seasonal-naive on it.</summary>
    Task<BacktestReport> BacktestAsync(ForecastMetric metric);
}
