using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tracking.ExchangeApi;

/// <summary>
/// How an exchange signs the results it posts to the office, and how the office checks them: an
/// HMAC-SHA256, with the exchange's own key, over the exchange's name, the time of sending, a
/// one-off nonce and the body's exact bytes. Each delivery (a retry too) is signed afresh, so the
/// office can refuse a replayed one by its nonce and a stale one by its time.
/// </summary>
public static class CallbackSignature
{
    /// <summary>Where the office's secret is given to the processes that need it (silos; the simulator, which plays every exchange), base64.</summary>
    public const string OfficeSecretVariable = "TRACKING_EXCHANGE_CALLBACK_SECRET";

    public const string ExchangeHeader = "X-Exchange";
    public const string TimestampHeader = "X-Exchange-Timestamp";
    public const string NonceHeader = "X-Exchange-Nonce";
    public const string SignatureHeader = "X-Exchange-Signature";

    private const string Version = "v1=";

    /// <summary>Sets the four headers on a delivery of <paramref name="body"/>.</summary>
    public static void Sign(HttpRequestMessage request, byte[] exchangeKey, string exchange, DateTimeOffset now, ReadOnlySpan<byte> body)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        request.Headers.Add(ExchangeHeader, exchange);
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(NonceHeader, nonce);
        request.Headers.Add(SignatureHeader, Version + Convert.ToHexStringLower(Mac(exchangeKey, exchange, timestamp, nonce, body)));
    }

    /// <summary>Whether <paramref name="signature"/> is the exchange's over these values; compared in constant time.</summary>
    public static bool IsValid(byte[] exchangeKey, string exchange, string timestamp, string nonce, ReadOnlySpan<byte> body, string signature)
    {
        if (!signature.StartsWith(Version, StringComparison.Ordinal) || signature.Length != Version.Length + 64)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[32];
        return Convert.FromHexString(signature.AsSpan(Version.Length), given, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == 32
            && CryptographicOperations.FixedTimeEquals(given, Mac(exchangeKey, exchange, timestamp, nonce, body));
    }

    /// <summary>
    /// The key one exchange signs with, derived from the office's callback secret: each exchange is
    /// given its own (<c>tracking exchange-key NAME</c>) and learns nothing of the others'.
    /// </summary>
    public static byte[] ExchangeKey(byte[] officeSecret, string exchange) =>
        HMACSHA256.HashData(officeSecret, Encoding.UTF8.GetBytes("tracking exchange callback key:" + exchange));

    private static byte[] Mac(byte[] key, string exchange, string timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{exchange}\n{timestamp}\n{nonce}\n");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
