namespace Tracking.ExchangeSim;

/// <summary>
/// Work the simulator has accepted and not finished (requests being carried out, callbacks not yet
/// delivered), and how its callback deliveries were answered: taken (2xx) or refused (4xx).
/// </summary>
public sealed class SimActivity
{
    private int _processing;
    private int _callbacks;
    private int _taken;
    private int _refused;

    public int Processing => Volatile.Read(ref _processing);

    public int Callbacks => Volatile.Read(ref _callbacks);

    public int CallbacksTaken => Volatile.Read(ref _taken);

    public int CallbacksRefused => Volatile.Read(ref _refused);

    public void ProcessingStarted() => Interlocked.Increment(ref _processing);

    public void ProcessingFinished() => Interlocked.Decrement(ref _processing);

    public void CallbackQueued() => Interlocked.Increment(ref _callbacks);

    public void CallbackFinished() => Interlocked.Decrement(ref _callbacks);

    public void CallbackAnswered(int status)
    {
        if (status is >= 200 and < 300)
        {
            Interlocked.Increment(ref _taken);
        }
        else if (status is >= 400 and < 500)
        {
            Interlocked.Increment(ref _refused);
        }
    }
}
