namespace Tracking.Silo.Access;

/// <summary>How failed sign-ins are slowed down: counted per account and per address across the cluster.</summary>
public sealed class SignInOptions
{
    /// <summary>Failures of one account within <see cref="Window"/> that lock it. Default 5.</summary>
    public int AccountFailures { get; init; } = 5;

    /// <summary>Failures from one address within <see cref="Window"/>, for any names, that lock the address out. Default 20.</summary>
    public int AddressFailures { get; init; } = 20;

    /// <summary>How long failures are counted. Default 15 minutes.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a lock lasts. Default 15 minutes.</summary>
    public TimeSpan Lockout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Password checks running at once in a silo (each costs a full PBKDF2); more wait, and beyond twice that are refused with 429. Default one per core.</summary>
    public int ConcurrentChecks { get; init; } = Environment.ProcessorCount;
}
