namespace Tracking.ExchangeSim;

/// <summary>Work the simulator has accepted and not finished: requests being carried out and callbacks not yet delivered.</summary>
public sealed class SimActivity
{
    private int _processing;
    private int _callbacks;

    public int Processing => Volatile.Read(ref _processing);

    public int Callbacks => Volatile.Read(ref _callbacks);

    public void ProcessingStarted() => Interlocked.Increment(ref _processing);

    public void ProcessingFinished() => Interlocked.Decrement(ref _processing);

    public void CallbackQueued() => Interlocked.Increment(ref _callbacks);

    public void CallbackFinished() => Interlocked.Decrement(ref _callbacks);
}
