namespace Tracking.Storage.Views;

public enum ViewOperator
{
    Equal,

    /// <summary>Greater than or equal.</summary>
    AtLeast,

    /// <summary>Strictly less than.</summary>
    Below,
}
