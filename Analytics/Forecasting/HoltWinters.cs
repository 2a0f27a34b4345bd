namespace OrleansHall.Analytics.Forecasting;

/// <summary>
/// Additive Holt-Winters with two seasons, a daily one (96 slots) nested in a weekly one (672 slots), in
/// error-correction form: every observation moves the level and both seasonal terms by a share of the one-step
/// error. The daily season pools what all seven days share (the morning peak, the lunch dip), so it is learnt from
/// seven times as many observations as a weekly slot; the weekly season keeps what differs by weekday. No trend term:
/// a hall's traffic does not grow week on week at this horizon.
/// </summary>
public sealed class HoltWinters
{
    private readonly double[] _daily;
    private readonly double[] _weekly;
    private bool[] _closed = new bool[Slots.PerWeek];
    private double _level;
    private long _t;

    private HoltWinters(HoltWintersParameters parameters, double level, double[] daily, double[] weekly, long t)
    {
        Parameters = parameters;
        _level = level;
        _daily = daily;
        _weekly = weekly;
        _t = t;
    }

    public HoltWintersParameters Parameters { get; }

    /// <summary>
    /// Fits the smoothing parameters on <paramref name="history"/> alone (whole weeks, oldest first, at least two):
    /// each candidate on a grid runs over the history and is scored by the error of its week-ahead forecasts made at
    /// each week boundary after the first two weeks; the best is then run over the whole history.
    /// </summary>
    public static HoltWinters Fit(IReadOnlyList<double> history)
    {
        RequireHistory(history);
        HoltWintersParameters? best = null;
        var bestError = double.PositiveInfinity;
        foreach (var candidate in HoltWintersParameters.Grid())
        {
            var error = WeekAheadError(history, candidate);
            if (error < bestError)
            {
                (best, bestError) = (candidate, error);
            }
        }

        var model = Run(history, best!);
        model.SlotSigma = WeekAheadSigma(history, best!);
        return model;
    }

    /// <summary>
    /// Spread of week-ahead errors per slot of the day, measured on the history while fitting (zero for a model not
    /// fitted); the prediction band is the forecast plus or minus a multiple of it.
    /// </summary>
    public double[] SlotSigma { get; private set; } = new double[Slots.PerDay];

    /// <summary>Lower and upper edges of the band <paramref name="z"/> sigmas about the forecast (1.28 for an 80 % band).</summary>
    public (double[] Lower, double[] Upper) Band(double[] forecast, double z)
    {
        var lower = new double[forecast.Length];
        var upper = new double[forecast.Length];
        for (var h = 0; h < forecast.Length; h++)
        {
            var sigma = _closed[(_t + h) % Slots.PerWeek] ? 0 : SlotSigma[(_t + h) % Slots.PerDay];
            lower[h] = Math.Max(0, forecast[h] - (z * sigma));
            upper[h] = forecast[h] + (z * sigma);
        }

        return (lower, upper);
    }

    /// <summary>Runs fixed parameters over the history (whole weeks, at least two).</summary>
    public static HoltWinters Run(IReadOnlyList<double> history, HoltWintersParameters parameters)
    {
        RequireHistory(history);
        var model = Initialise(history);
        model = new HoltWinters(parameters, model._level, model._daily, model._weekly, 0) { _closed = ClosedSlots(history) };
        foreach (var y in history)
        {
            model.Observe(y);
        }

        return model;
    }

    /// <summary>Forecasts for the next <paramref name="horizon"/> slots after the history, never below zero.</summary>
    public double[] Forecast(int horizon)
    {
        var forecast = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            var t = _t + h;
            forecast[h] = _closed[t % Slots.PerWeek] ? 0 : Math.Max(0, _level + _daily[t % Slots.PerDay] + _weekly[t % Slots.PerWeek]);
        }

        return forecast;
    }

    /// <summary>Adds one observation (the slot after the last one seen).</summary>
    public void Observe(double y)
    {
        var d = (int)(_t % Slots.PerDay);
        var w = (int)(_t % Slots.PerWeek);
        if (_closed[w])
        {
            // Closed hours teach nothing about the open ones.
            _t++;
            return;
        }

        var error = y - (_level + _daily[d] + _weekly[w]);
        _level += Parameters.Level * error;
        _daily[d] += Parameters.Daily * error;
        _weekly[w] += Parameters.Weekly * error;
        _t++;
    }

    private HoltWinters Clone() => new(Parameters, _level, (double[])_daily.Clone(), (double[])_weekly.Clone(), _t) { _closed = _closed };

    /// <summary>Slots of the week with nothing in any week of the history: the hall is closed then, and the forecast is zero.</summary>
    private static bool[] ClosedSlots(IReadOnlyList<double> history)
    {
        var closed = Enumerable.Repeat(true, Slots.PerWeek).ToArray();
        for (var i = 0; i < history.Count; i++)
        {
            closed[i % Slots.PerWeek] &= history[i] == 0;
        }

        return closed;
    }

    /// <summary>Level: the first week's mean; daily: its mean day less the level; weekly: the rest of the first week.</summary>
    private static HoltWinters Initialise(IReadOnlyList<double> history)
    {
        var level = 0.0;
        for (var i = 0; i < Slots.PerWeek; i++)
        {
            level += history[i];
        }

        level /= Slots.PerWeek;
        var daily = new double[Slots.PerDay];
        for (var i = 0; i < Slots.PerWeek; i++)
        {
            daily[i % Slots.PerDay] += history[i] / 7;
        }

        for (var i = 0; i < Slots.PerDay; i++)
        {
            daily[i] -= level;
        }

        var weekly = new double[Slots.PerWeek];
        for (var i = 0; i < Slots.PerWeek; i++)
        {
            weekly[i] = history[i] - level - daily[i % Slots.PerDay];
        }

        return new HoltWinters(HoltWintersParameters.Grid().First(), level, daily, weekly, 0);
    }

    private static double WeekAheadError(IReadOnlyList<double> history, HoltWintersParameters parameters)
        => WeekAhead(history, parameters, null);

    private static double[] WeekAheadSigma(IReadOnlyList<double> history, HoltWintersParameters parameters)
    {
        var squares = new double[Slots.PerDay];
        var counts = new int[Slots.PerDay];
        WeekAhead(history, parameters, (slot, error) =>
        {
            squares[slot % Slots.PerDay] += error * error;
            counts[slot % Slots.PerDay]++;
        });
        return [.. squares.Select((s, i) => counts[i] == 0 ? 0 : Math.Sqrt(s / counts[i]))];
    }

    private static double WeekAhead(IReadOnlyList<double> history, HoltWintersParameters parameters, Action<int, double>? residual)
    {
        var model = Initialise(history);
        model = new HoltWinters(parameters, model._level, model._daily, model._weekly, 0) { _closed = ClosedSlots(history) };
        var weeks = history.Count / Slots.PerWeek;
        var error = 0.0;
        for (var week = 0; week < weeks; week++)
        {
            if (week >= 2)
            {
                var forecast = model.Clone().Forecast(Slots.PerWeek);
                for (var i = 0; i < Slots.PerWeek; i++)
                {
                    var e = history[(week * Slots.PerWeek) + i] - forecast[i];
                    error += Math.Abs(e);
                    residual?.Invoke(i, e);
                }
            }

            for (var i = 0; i < Slots.PerWeek; i++)
            {
                model.Observe(history[(week * Slots.PerWeek) + i]);
            }
        }

        return error;
    }

    private static void RequireHistory(IReadOnlyList<double> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count < 2 * Slots.PerWeek || history.Count % Slots.PerWeek != 0)
        {
            throw new ArgumentException(
                $"Holt-Winters needs whole weeks of 15-minute slots, at least two ({2 * Slots.PerWeek}); got {history.Count}.", nameof(history));
        }

        if (history.Any(v => !double.IsFinite(v) || v < 0))
        {
            throw new ArgumentException("Every slot count must be a finite number of zero or more.", nameof(history));
        }
    }
}

/// <summary>Smoothing shares of the one-step error for the level, the daily and the weekly season.</summary>
public sealed record HoltWintersParameters(double Level, double Daily, double Weekly)
{
    public static IEnumerable<HoltWintersParameters> Grid()
    {
        double[] levels = [0.002, 0.01, 0.03, 0.1];
        double[] dailies = [0, 0.01, 0.03, 0.1];
        double[] weeklies = [0.02, 0.05, 0.1, 0.2, 0.35, 0.5];
        return from l in levels from d in dailies from w in weeklies select new HoltWintersParameters(l, d, w);
    }
}
