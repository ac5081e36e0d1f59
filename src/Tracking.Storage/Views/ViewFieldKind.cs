namespace Tracking.Storage.Views;

public enum ViewFieldKind
{
    Text,

    /// <summary>A whole number (money in won, a time in Unix seconds); compared as a number.</summary>
    Number,
}
