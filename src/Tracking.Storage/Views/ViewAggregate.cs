namespace Tracking.Storage.Views;

/// <summary>Rows of a view counted, and <see cref="Sums"/> added up, per distinct combination of <see cref="GroupBy"/>.</summary>
public sealed record ViewAggregate(string View, IReadOnlyList<ViewField> GroupBy, IReadOnlyList<ViewField> Sums)
{
    public IReadOnlyList<ViewFilter> Filters { get; init; } = [];
}
