namespace Tracking.Silo.Hosting;

/// <summary>
/// The secret key RRNs are hashed with. Every process of one installation must use the same key,
/// or hashes will not meet: it comes from <c>TRACKING_RRN_KEY</c> (base64, at least 32 bytes), or
/// else from <c>rrn-hmac.key</c> in the data directory, created on first use, readable by the owner only.
/// </summary>
public static class RrnKeyStore
{
    public const string Variable = "TRACKING_RRN_KEY";
    public const string FileName = "rrn-hmac.key";

    private static readonly SecretKeyFile s_key = new(Variable, FileName);

    public static byte[] Load(string dataDirectory) => s_key.Load(dataDirectory);
}
