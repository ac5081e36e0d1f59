namespace Tracking.Storage.Views;

/// <summary>
/// A view the application reads in lists: its default order and the fields it filters on. The
/// store keeps an index for the order and one for each filter followed by the order, so a
/// filtered page is read along an index, not by a scan.
/// Every document of the view carries its sort field.
/// </summary>
public sealed record ViewDefinition(string Name, ViewField Sort, IReadOnlyList<ViewField> Filters);
