namespace Tracking.Storage.Reminders;

/// <summary>
/// An arc of Orleans' hash ring, <c>(Begin, End]</c> in its unsigned hashes, as the stored signed
/// hashes are compared: an arc whose ends are in signed order is one interval; any other (one
/// that wraps past the signed maximum, or the whole ring, Begin = End) is the two ends of the line.
/// </summary>
public readonly record struct ReminderRange(uint Begin, uint End)
{
    public int SignedBegin => unchecked((int)Begin);

    public int SignedEnd => unchecked((int)End);

    public bool IsInterval => SignedBegin < SignedEnd;

    public bool Contains(int hash) => IsInterval ? hash > SignedBegin && hash <= SignedEnd : hash > SignedBegin || hash <= SignedEnd;
}
