namespace Tracking.Silo.Hosting;

/// <summary>
/// The office's secret that each exchange's callback key is derived from
/// (<see cref="ExchangeApi.CallbackSignature.ExchangeKey"/>): from
/// <c>TRACKING_EXCHANGE_CALLBACK_SECRET</c> (base64, at least 32 bytes; the same on every silo of a
/// cluster), or else from <c>exchange-callback.key</c> in the data directory, created on first use,
/// readable by the owner only.
/// </summary>
public static class CallbackSecretStore
{
    public const string Variable = ExchangeApi.CallbackSignature.OfficeSecretVariable;
    public const string FileName = "exchange-callback.key";

    private static readonly SecretKeyFile s_key = new(Variable, FileName);

    public static byte[] Load(string dataDirectory) => s_key.Load(dataDirectory);

    public static byte[]? FromEnvironment() => s_key.FromEnvironment();
}
