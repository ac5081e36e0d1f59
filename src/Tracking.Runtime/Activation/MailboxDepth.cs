namespace Tracking.Runtime.Activation;

/// <summary>How many messages wait in a silo's mailboxes behind running turns; kept as they queue and dequeue, read by the metrics.</summary>
internal sealed class MailboxDepth
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);

    public void Decrement() => Interlocked.Decrement(ref _count);
}
