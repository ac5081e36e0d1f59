namespace Tracking.Silo.Api;

/// <summary>How many items one bulk decision may name: a page of a list, as many as a person can have looked at.</summary>
internal static class BulkLimit
{
    public const int Items = 100;
}
