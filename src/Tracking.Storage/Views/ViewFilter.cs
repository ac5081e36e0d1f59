namespace Tracking.Storage.Views;

/// <summary>A condition on one field; <see cref="Value"/> is a string for text fields and a long for numbers.</summary>
public sealed record ViewFilter(ViewField Field, ViewOperator Operator, object Value)
{
    public static ViewFilter Equal(ViewField field, object value) => new(field, ViewOperator.Equal, value);

    public static ViewFilter AtLeast(ViewField field, long value) => new(field, ViewOperator.AtLeast, value);

    public static ViewFilter Below(ViewField field, long value) => new(field, ViewOperator.Below, value);
}
