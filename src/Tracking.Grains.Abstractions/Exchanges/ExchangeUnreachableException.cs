namespace Tracking.Grains.Exchanges;

/// <summary>An exchange could not be asked: no address, refused, timed out or failing.</summary>
[GenerateSerializer, Alias("exchange-unreachable")]
public sealed class ExchangeUnreachableException : Exception
{
    public ExchangeUnreachableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
