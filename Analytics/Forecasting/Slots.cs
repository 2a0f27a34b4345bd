namespace OrleansHall.Analytics.Forecasting;

/// <summary>The 15-minute grid every hall series lives on: 96 slots a day, 672 a week.</summary>
public static class Slots
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);

    public const int PerDay = 96;

    public const int PerWeek = 7 * PerDay;

    /// <summary>The start of the slot holding <paramref name="local"/> (a local wall-clock time).</summary>
    public static DateTime Floor(DateTime local) => new(local.Ticks - (local.Ticks % Length.Ticks), local.Kind);
}
